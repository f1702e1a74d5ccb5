using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Group read: activating customer grains queue their loads and one round trip fetches the snapshots, unfolded
/// journal tails, due times, erasures and merges of hundreds of customers at once. A per-grain read costs a round trip and a query plan each, which
/// is what capped activation near 1,200 customers/s.
/// </summary>
public sealed class CustomerLoader : IAsyncDisposable
{
    private const string Keys = "unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(tenant, customer_id, i)";

    private const string SelectSnapshots = $"""
        SELECT k.i, s.revision, s.seq, s.body FROM {Keys}
        JOIN pdg_customer_snapshots s ON s.tenant = k.tenant AND s.customer_id = k.customer_id
        """;

    private const string SelectUnfolded = $"""
        SELECT k.i, {JournalRows.Columns} FROM {Keys}
        LEFT JOIN pdg_customer_snapshots s ON s.tenant = k.tenant AND s.customer_id = k.customer_id
        JOIN pdg_event_journal j ON j.tenant = k.tenant AND j.customer_id = k.customer_id AND j.seq > coalesce(s.seq, 0)
        ORDER BY k.i, j.seq
        """;

    private const string SelectDue = $"""
        SELECT k.i, d.due_at FROM {Keys}
        JOIN pdg_due d ON d.tenant = k.tenant AND d.customer_id = k.customer_id
        """;

    private const string SelectErased = $"""
        SELECT k.i, e.erased_at FROM {Keys}
        JOIN pdg_customer_erasures e ON e.tenant = k.tenant AND e.customer_id = k.customer_id
        """;

    private const string SelectMerged = $"""
        SELECT k.i, m.survivor_id FROM {Keys}
        JOIN pdg_customer_merges m ON m.tenant = k.tenant AND m.absorbed_id = k.customer_id AND m.undone_at IS NULL
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchPump<PendingLoad> _pump;

    public CustomerLoader(NpgsqlDataSource dataSource, IOptions<GroupReadOptions> options)
    {
        _dataSource = dataSource;
        _pump = new BatchPump<PendingLoad>(options.Value.ConcurrentReads, options.Value.MaxCustomersPerRead, _ => 1, LoadAsync,
            (batch, ex) => batch.ForEach(l => l.Completion.TrySetException(ex)));
    }

    public Task<CustomerLoad> LoadAsync(string tenant, string customerId)
    {
        var pending = new PendingLoad(tenant, customerId);
        _pump.Enqueue(pending);
        return pending.Completion.Task;
    }

    public ValueTask DisposeAsync() => _pump.DisposeAsync();

    private async Task LoadAsync(List<PendingLoad> batch)
    {
        var snapshots = new CustomerSnapshotRow?[batch.Count];
        var unfolded = new List<JournalRow>?[batch.Count];
        var due = new DateTimeOffset?[batch.Count];
        var erased = new DateTimeOffset?[batch.Count];
        var merged = new string?[batch.Count];

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands = { WithKeys(SelectSnapshots, batch), WithKeys(SelectUnfolded, batch), WithKeys(SelectDue, batch), WithKeys(SelectErased, batch), WithKeys(SelectMerged, batch) },
        };
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var i = (int)reader.GetInt64(0) - 1;
                snapshots[i] = new CustomerSnapshotRow(batch[i].Tenant, batch[i].CustomerId, reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var i = (int)reader.GetInt64(0) - 1;
                (unfolded[i] ??= []).Add(JournalRows.Read(reader, offset: 1));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) due[(int)reader.GetInt64(0) - 1] = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) erased[(int)reader.GetInt64(0) - 1] = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) merged[(int)reader.GetInt64(0) - 1] = reader.GetString(1);
        }
        for (var i = 0; i < batch.Count; i++)
            batch[i].Completion.TrySetResult(new CustomerLoad(snapshots[i], (IReadOnlyList<JournalRow>?)unfolded[i] ?? [], due[i]) { ErasedAt = erased[i], MergedInto = merged[i] });
    }

    private static NpgsqlBatchCommand WithKeys(string sql, List<PendingLoad> batch) => new(sql)
    {
        Parameters =
        {
            new() { Value = batch.Select(l => l.Tenant).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new() { Value = batch.Select(l => l.CustomerId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        },
    };

    private sealed record PendingLoad(string Tenant, string CustomerId)
    {
        // Continuations run off the loader so one slow grain cannot hold up the next read.
        public TaskCompletionSource<CustomerLoad> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
