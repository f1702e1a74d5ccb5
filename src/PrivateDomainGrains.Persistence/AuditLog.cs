using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The tenant's audit log (<c>pdg_audit_log</c>, append-only: the table refuses UPDATE and DELETE): every
/// administrative and staff action, who took it with which credential, what, about which customer, when and from where.
/// Staff actions come with every nudge a console closes (thousands a second under load), so appends are queued and
/// written together, one multi-row insert per batch, like group commit; each caller's task completes once its row is
/// committed.
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    public const int MaxPageSize = 500;

    private const string Columns = "id, at, actor, action, customer_id, target, status, remote_address";

    private const string Insert = """
        INSERT INTO pdg_audit_log (tenant, actor, action, customer_id, target, status, remote_address)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[])
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchPump<PendingAppend> _pump;

    public AuditLog(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _pump = new BatchPump<PendingAppend>(concurrency: 2, maxWeight: MaxRowsPerInsert, _ => 1, InsertAsync,
            (batch, ex) => batch.ForEach(a => a.Completion.TrySetException(ex)));
    }

    private const int MaxRowsPerInsert = 1_000;

    /// <summary>Appends the record; completes when it is committed.</summary>
    /// <exception cref="PostgresException">The database refused the batch the record was written with, or could not commit it.</exception>
    public Task AppendAsync(AuditRecord record)
    {
        var pending = new PendingAppend(record);
        _pump.Enqueue(pending);
        return pending.Completion.Task;
    }

    public ValueTask DisposeAsync() => _pump.DisposeAsync();

    /// <summary>Inserts the batch; if the database refuses a value of it, inserts each record alone, so only that one fails.</summary>
    private async Task InsertAsync(List<PendingAppend> batch)
    {
        try
        {
            await InsertRowsAsync(batch);
        }
        catch (PostgresException ex) when (batch.Count > 1 && ex.SqlState[..2] is "22" or "23" or "54")
        {
            foreach (var append in batch)
            {
                try
                {
                    await InsertRowsAsync([append]);
                }
                catch (Exception one)
                {
                    append.Completion.TrySetException(one);
                }
            }
        }
    }

    private async Task InsertRowsAsync(List<PendingAppend> batch)
    {
        await using var command = _dataSource.CreateCommand(Insert);
        command.Parameters.Add(Text(batch.Select(a => a.Record.Tenant)));
        command.Parameters.Add(Text(batch.Select(a => a.Record.Actor)));
        command.Parameters.Add(Text(batch.Select(a => a.Record.Action)));
        command.Parameters.Add(Text(batch.Select(a => a.Record.CustomerId)));
        command.Parameters.Add(Text(batch.Select(a => a.Record.Target)));
        command.Parameters.Add(Integers(batch.Select(a => a.Record.Status)));
        command.Parameters.Add(Text(batch.Select(a => a.Record.RemoteAddress)));
        await command.ExecuteNonQueryAsync();
        foreach (var append in batch) append.Completion.TrySetResult();
    }

    private sealed record PendingAppend(AuditRecord Record)
    {
        // Continuations run off the writer so one slow caller cannot hold up the next batch.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries of the tenant (of one customer, when <paramref name="customerId"/> is
    /// set), newest first, with ids below <paramref name="before"/> (keyset paging: the last id of the previous page).
    /// </summary>
    public async Task<List<AuditEntryRow>> PageAsync(string tenant, string? customerId, long before, int limit, CancellationToken ct = default)
    {
        await using var command = _dataSource.CreateCommand(
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
