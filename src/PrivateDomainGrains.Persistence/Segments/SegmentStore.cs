using System.Text.Json;
using Npgsql;
using PrivateDomainGrains.Core.Segments;

namespace PrivateDomainGrains.Persistence.Segments;

/// <summary>A saved segment: its filter and when it was written. <see cref="Version"/> counts edits, from 1.</summary>
/// <param name="CreatedBy">The staff id of the console user who created it; null for the integration key (or a segment older than the column).</param>
public sealed record SavedSegment(string SegmentId, string Name, string? Description, SegmentFilter Filter, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? CreatedBy = null);

/// <summary>A tenant's saved segments (<c>pdg_segments</c>, <c>deploy/sql/0034_segments.sql</c>): create, read, list, replace, delete.</summary>
public sealed class SegmentStore(NpgsqlDataSource dataSource)
{
    /// <summary>Segments a tenant may keep: a listing returns them all in one answer.</summary>
    public const int MaxPerTenant = 500;

    private const string Columns = "segment_id, name, description, filter, version, created_at, updated_at, created_by";

    /// <summary>Stores a new segment; null when the tenant already has <see cref="MaxPerTenant"/>.</summary>
    /// <param name="createdBy">The console user's staff id; null for the integration key.</param>
    public async Task<SavedSegment?> CreateAsync(string tenant, string segmentId, string name, string? description, SegmentFilter filter, string? createdBy = null,
        CancellationToken ct = default)
    {
        // The count and the insert in one statement: two concurrent creations cannot both pass a limit checked apart.
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO pdg_segments (tenant, segment_id, name, description, filter, created_by)
            SELECT $1, $2, $3, $4, $5::jsonb, $6 WHERE (SELECT count(*) FROM pdg_segments WHERE tenant = $1) < {MaxPerTenant}
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = segmentId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = (object?)description ?? DBNull.Value });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(filter, SegmentFilterValidator.Json) });
        command.Parameters.Add(new() { Value = (object?)createdBy ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadOneAsync(command, ct);
    }

    public async Task<SavedSegment?> GetAsync(string tenant, string segmentId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_segments WHERE tenant = $1 AND segment_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = segmentId });
        return await ReadOneAsync(command, ct);
    }

    /// <summary>The tenant's segments by name.</summary>
    public async Task<List<SavedSegment>> ListAsync(string tenant, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_segments WHERE tenant = $1 ORDER BY name, segment_id");
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var segments = new List<SavedSegment>();
        while (await reader.ReadAsync(ct)) segments.Add(Read(reader));
        return segments;
    }

    /// <summary>Replaces the segment's name, description and filter; null when there is no such segment.</summary>
    public async Task<SavedSegment?> ReplaceAsync(string tenant, string segmentId, string name, string? description, SegmentFilter filter, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE pdg_segments SET name = $3, description = $4, filter = $5::jsonb, version = version + 1, updated_at = now()
            WHERE tenant = $1 AND segment_id = $2 RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = segmentId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = (object?)description ?? DBNull.Value });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(filter, SegmentFilterValidator.Json) });
        return await ReadOneAsync(command, ct);
    }

    /// <summary>Deletes the segment; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string tenant, string segmentId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pdg_segments WHERE tenant = $1 AND segment_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = segmentId });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    private static async Task<SavedSegment?> ReadOneAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static SavedSegment Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
        JsonSerializer.Deserialize<SegmentFilter>(r.GetString(3), SegmentFilterValidator.Json)!, r.GetInt32(4),
        new DateTimeOffset(r.GetDateTime(5), TimeSpan.Zero), new DateTimeOffset(r.GetDateTime(6), TimeSpan.Zero), r.IsDBNull(7) ? null : r.GetString(7));
}
