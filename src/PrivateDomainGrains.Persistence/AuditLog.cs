using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The tenant's audit log (<c>pdg_audit_log</c>, append-only: the table refuses UPDATE and DELETE): every
/// administrative action, who took it with which credential, what, about which customer, when and from where.
/// Administrative actions are few, so each is one insert, written after the action was answered.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 500;

    private const string Columns = "id, at, actor, action, customer_id, target, status, remote_address";

    public async Task AppendAsync(AuditRecord record, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO pdg_audit_log (tenant, actor, action, customer_id, target, status, remote_address) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new() { Value = record.Tenant });
        command.Parameters.Add(new() { Value = record.Actor });
        command.Parameters.Add(new() { Value = record.Action });
        command.Parameters.Add(new() { Value = (object?)record.CustomerId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)record.Target ?? DBNull.Value });
        command.Parameters.Add(new() { Value = record.Status });
        command.Parameters.Add(new() { Value = (object?)record.RemoteAddress ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries of the tenant (of one customer, when <paramref name="customerId"/> is
    /// set), newest first, with ids below <paramref name="before"/> (keyset paging: the last id of the previous page).
    /// </summary>
    public async Task<List<AuditEntryRow>> PageAsync(string tenant, string? customerId, long before, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM pdg_audit_log WHERE tenant = $1 AND ($2::text IS NULL OR customer_id = $2) AND id < $3 ORDER BY id DESC LIMIT $4");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = (object?)customerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = before });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<AuditEntryRow>(limit);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AuditEntryRow(reader.GetInt64(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows;
    }
}

/// <summary>One administrative action to record.</summary>
/// <param name="Actor"><c>admin-key</c>, <c>api-key</c>, <c>operator</c> or <c>staff:&lt;id&gt;</c>.</param>
/// <param name="Action">The API operation (its operationId: <c>EraseCustomerData</c>, <c>PutPlaybook</c>...).</param>
/// <param name="Target">The other ids the request named (route values), as JSON; never a request body.</param>
/// <param name="Status">The HTTP status the action was answered with.</param>
public sealed record AuditRecord(string Tenant, string Actor, string Action, string? CustomerId, string? Target, int Status, string? RemoteAddress);

/// <summary>One stored audit entry; <see cref="Id"/> orders entries and pages them.</summary>
public sealed record AuditEntryRow(long Id, DateTimeOffset At, string Actor, string Action, string? CustomerId, string? Target, int Status, string? RemoteAddress);
