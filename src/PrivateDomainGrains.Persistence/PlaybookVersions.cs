using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>One stored playbook version without its document (<c>pdg_playbook_versions</c>, deploy/sql/0037).</summary>
/// <param name="StoredBy">Who stored it: <c>admin-key</c>, <c>staff:&lt;id&gt;</c>...; null for a version stored before history was kept.</param>
/// <param name="RestoredFrom">The version a rollback copied; null for a playbook sent as such.</param>
public sealed record PlaybookVersionRow(int Version, DateTimeOffset StoredAt, string? StoredBy, int? RestoredFrom);

/// <summary>
/// The history of tenants' playbooks: the tenant's playbook grain writes each version it stores here before its state,
/// so the history holds every version that was ever current. Few writes (one per save), read by the history and
/// rollback.
/// </summary>
public sealed class PlaybookVersions(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records <paramref name="version"/> as stored. A version number written again (the grain's state write after a
    /// history write failed) replaces the earlier row: only the version that became current counts.
    /// </summary>
    /// <param name="playbookJson">The playbook document as stored (camelCase JSON).</param>
    public async Task RecordAsync(string tenant, int version, string playbookJson, DateTimeOffset storedAt, string? storedBy, int? restoredFrom, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO pdg_playbook_versions (tenant, version, playbook, stored_at, stored_by, restored_from) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant, version) DO UPDATE SET playbook = excluded.playbook, stored_at = excluded.stored_at,
                stored_by = excluded.stored_by, restored_from = excluded.restored_from
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = version });
        command.Parameters.Add(new() { Value = playbookJson, NpgsqlDbType = NpgsqlDbType.Json });
        command.Parameters.Add(new() { Value = storedAt });
        command.Parameters.Add(new() { Value = (object?)storedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)restoredFrom ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Keeps a version stored before history was kept (its author unknown): written only when the version has no row.
    /// </summary>
    public async Task KeepAsync(string tenant, int version, string playbookJson, DateTimeOffset storedAt, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO pdg_playbook_versions (tenant, version, playbook, stored_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant, version) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = version });
        command.Parameters.Add(new() { Value = playbookJson, NpgsqlDbType = NpgsqlDbType.Json });
        command.Parameters.Add(new() { Value = storedAt });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The tenant's versions up to <paramref name="upTo"/> (the current one), newest first, at most <paramref name="limit"/>.</summary>
    public async Task<List<PlaybookVersionRow>> ListAsync(string tenant, int upTo, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, stored_at, stored_by, restored_from FROM pdg_playbook_versions
            WHERE tenant = $1 AND version <= $2 ORDER BY version DESC LIMIT $3
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = upTo });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<PlaybookVersionRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new PlaybookVersionRow(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        return rows;
    }

    /// <summary>One version with its document (camelCase JSON), or null when the tenant has no such version.</summary>
    public async Task<(PlaybookVersionRow Row, string Json)?> GetAsync(string tenant, int version, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, stored_at, stored_by, restored_from, playbook::text FROM pdg_playbook_versions WHERE tenant = $1 AND version = $2
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = version });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (new PlaybookVersionRow(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)), reader.GetString(4));
    }
}
