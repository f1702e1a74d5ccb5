using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Persistence;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// A measurement driver, not a speed assertion: <c>deploy/sql/0051_execution_reach.sql</c> applied to a database at
/// 0050 holding PDG_REACH_BACKFILL_NUDGES nudges over 30 days (20,000 by default, fit for CI; 1,000,000 for the README's
/// figures; half of them acted on), with their rollups, as the migrator applies it (one transaction), while another
/// connection writes what ingestion writes to the tables the script reads (a nudge raised, one closed, a delta) and a
/// third samples the locks the script holds. Then the fold drains the reaches the script queued while a customers-reached
/// read runs, and 0059's index is built on what the fold wrote. It asserts only that the fold drained them; the times,
/// the writes' latency before and during the script, and the locks go to the test output (run with
/// <c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class ReachBackfillMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Nudges = int.TryParse(Environment.GetEnvironmentVariable("PDG_REACH_BACKFILL_NUDGES"), out var n) && n > 0 ? n : 20_000;

    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var connection = await _dataSource.OpenConnectionAsync();
        foreach (var script in SchemaMigrator.Scripts.Where(s => string.CompareOrdinal(s.Version, "0051") < 0))
            await ExecuteAsync(connection, script.Sql);
        var fill = Stopwatch.StartNew();
        // Nudge i: raised over the last 30 days, staff i % 50, rule (i / 50) % 20, customer i % 200,000; closed as done,
        // not useful, expired or by action in turn (half of them acted on).
        await ExecuteAsync(connection, $"""
            INSERT INTO pdg_nudges (tenant, nudge_id, staff_id, customer_id, kind, title, body, reason, priority, created_at, source,
                raised_day, expires_at, acked_at, closed_how)
            SELECT 'big', 'n' || i, 's' || (i % 50), 'c' || (i % 200000), 'follow-up', 'Follow up', 'Ask how it went', 'measure', 50,
                at, 'rule-' || ((i / 50) % 20), (at AT TIME ZONE 'UTC')::date, at + interval '3 days', at + interval '10 minutes',
                (ARRAY['done', 'not-useful', 'expired', 'done-by-action'])[1 + i % 4]
            FROM generate_series(1, {Nudges}) AS i, LATERAL (SELECT now() - ((i::float8 / {Nudges}) * 30 * 86400 || ' seconds')::interval AS at) t;
            INSERT INTO pdg_execution_daily (tenant, day, staff_id, source, variant, raised, done, not_useful, done_by_action, expired)
            SELECT tenant, raised_day, staff_id, source, '', count(*), count(*) FILTER (WHERE closed_how = 'done'),
                count(*) FILTER (WHERE closed_how = 'not-useful'), count(*) FILTER (WHERE closed_how = 'done-by-action'),
                count(*) FILTER (WHERE closed_how = 'expired')
            FROM pdg_nudges GROUP BY tenant, raised_day, staff_id, source;
            INSERT INTO pdg_execution_revenue (tenant, day, staff_id, source, variant, currency, attributed, itt)
            SELECT tenant, day, staff_id, source, variant, 'CNY', done * 3, done * 5 FROM pdg_execution_daily;
            ANALYZE;
            """);
        output.WriteLine($"filled {Nudges:N0} nudges and their rollups in {fill.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task The_0051_backfill_and_the_fold_that_drains_it()
    {
        var script = SchemaMigrator.Scripts.Single(s => s.Version.StartsWith("0051", StringComparison.Ordinal));
        await using var migration = await _dataSource.OpenConnectionAsync();
        var migrationPid = migration.ProcessID;

        using var stop = new CancellationTokenSource();
        var writes = new ConcurrentQueue<(bool During, double Ms)>();
        var during = false;
        var writer = Task.Run(() => WriteAsIngestionDoesAsync(writes, () => during, stop.Token));
        var locks = new ConcurrentDictionary<string, bool>();
        var sampler = Task.Run(() => SampleLocksAsync(migrationPid, locks, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the writes' latency before the script

        during = true;
        var applied = Stopwatch.StartNew();
        await using (var transaction = await migration.BeginTransactionAsync())
        {
            await ExecuteAsync(migration, script.Sql);
            await transaction.CommitAsync();
        }
        applied.Stop();
        during = false;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(writer, sampler);

        var pending = await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reach_pending");
        output.WriteLine($"0051 on {Nudges:N0} nudges: {applied.Elapsed.TotalSeconds:F1} s in one transaction, {pending:N0} reaches queued");
        foreach (var phase in new[] { false, true })
        {
            var ms = writes.Where(w => w.During == phase).Select(w => w.Ms).Order().ToList();
            output.WriteLine($"ingestion's writes {(phase ? "during" : "before")} it: {ms.Count} (a nudge raised, one closed, a delta), " +
                (ms.Count == 0 ? "none finished" : $"median {ms[ms.Count / 2]:F1} ms, max {ms[^1]:F1} ms"));
        }
        output.WriteLine("locks the script held (relation: mode): " + string.Join("; ", locks.Keys.Order(StringComparer.Ordinal)));

        // The fold drains the queue (one node: it loops batch after batch) while a report's customers-reached read goes on.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var reach = new ExecutionReach(_dataSource);
        var reads = new List<double>();
        using var draining = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!draining.IsCancellationRequested)
            {
                var read = Stopwatch.StartNew();
                await reach.ReadAsync("big", today.AddDays(-29), today, ReachLevel.Staff, false, null);
                reads.Add(read.Elapsed.TotalMilliseconds);
                await Task.Delay(200);
            }
        });
        var drain = Stopwatch.StartNew();
        var folded = await new ExecutionRollups(_dataSource).FoldAsync();
        drain.Stop();
        await draining.CancelAsync();
        await reader;
        reads.Sort();
        var reachRows = await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reach");
        var reachedRows = await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reached");
        output.WriteLine($"fold: {folded:N0} rows in {drain.Elapsed.TotalSeconds:F1} s, {reachRows:N0} reach and {reachedRows:N0} reached rows; " +
            "customers-reached read (30 days, per staff) meanwhile: " +
            (reads.Count == 0 ? "none finished" : $"{reads.Count} reads, median {reads[reads.Count / 2]:F0} ms, max {reads[^1]:F0} ms"));
        var after = Stopwatch.StartNew();
        await reach.ReadAsync("big", today.AddDays(-29), today, ReachLevel.Staff, false, null);
        output.WriteLine($"the same read after the drain: {after.Elapsed.TotalMilliseconds:F0} ms");

        var index = Stopwatch.StartNew();
        await using (var connection = await _dataSource.OpenConnectionAsync())
            await ExecuteAsync(connection, SchemaMigrator.Scripts.Single(s => s.Version.StartsWith("0059", StringComparison.Ordinal)).Sql);
        output.WriteLine($"0059 (index by day on {reachRows:N0} reach rows): {index.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reach_pending"));
        Assert.True(reachRows > 0);
    }

    /// <summary>What ingestion writes to the tables 0051 reads, one statement each, timed together, until stopped.</summary>
    private async Task WriteAsIngestionDoesAsync(ConcurrentQueue<(bool During, double Ms)> writes, Func<bool> during, CancellationToken stop)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(stop);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var started = during();
            var write = Stopwatch.StartNew();
            await ExecuteAsync(connection, $"""
                INSERT INTO pdg_nudges (tenant, nudge_id, staff_id, customer_id, kind, title, body, reason, priority, created_at, source, raised_day)
                VALUES ('big', 'live-{i}', 's1', 'c1', 'reply', 'Reply', 'Reply now', 'measure', 80, now(), 'rule-1', current_date);
                UPDATE pdg_nudges SET acked_at = now(), closed_how = 'done' WHERE tenant = 'big' AND nudge_id = 'n{1 + i % Nudges}';
                INSERT INTO pdg_execution_deltas (tenant, day, staff_id, source, variant, metric) VALUES ('big', current_date, 's1', 'rule-1', '', 'done');
                """);
            writes.Enqueue((started && during(), write.Elapsed.TotalMilliseconds));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>The relations and lock modes <paramref name="pid"/> holds, sampled every 50 ms until stopped.</summary>
    private async Task SampleLocksAsync(int pid, ConcurrentDictionary<string, bool> seen, CancellationToken stop)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            await using (var command = new NpgsqlCommand(
                "SELECT coalesce(relation::regclass::text, locktype), mode, granted FROM pg_locks WHERE pid = $1 AND (locktype = 'advisory' OR relation::regclass::text LIKE 'pdg%')", connection))
            {
                command.Parameters.Add(new() { Value = pid });
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                    seen.TryAdd($"{reader.GetString(0)}: {reader.GetString(1)}{(reader.GetBoolean(2) ? "" : " (waiting)")}", true);
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
