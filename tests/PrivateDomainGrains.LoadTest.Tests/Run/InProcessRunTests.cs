using Npgsql;
using PrivateDomainGrains.LoadTest.InProcess;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Run;
using Xunit.Abstractions;

namespace PrivateDomainGrains.LoadTest.Tests.Run;

/// <summary>
/// The whole tool against a real node started in this process on its own PostgreSQL database: provisioning,
/// open-loop load, consoles, drain and report. A small run, but every nudge must arrive exactly once.
/// </summary>
public sealed class InProcessRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = "pdg_loadtest_" + Guid.NewGuid().ToString("N")[..12];
    private InProcessPlatform? _node;

    private static string AdminConnectionString => Environment.GetEnvironmentVariable("PDG_TEST_PG_ADMIN")
        ?? throw new InvalidOperationException("PDG_TEST_PG_ADMIN must name a PostgreSQL admin connection string; deploy/test.sh sets it");

    public async Task InitializeAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;
        _node = await InProcessPlatform.StartAsync(connectionString, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_steady_run_delivers_every_expected_nudge_once_and_reports_it()
    {
        var report = await RunAsync(
            "--customers", "60", "--staff", "3", "--consoles", "4", "--rate", "150", "--duration", "4s", "--warmup", "1s",
            "--drain", "20s", "--batch-size", "20", "--seed", "11",
            "--mix", "message.received=5,friend.deleted=1,friend.added=1,page.viewed=2,order.paid=1,message.sent=1");

        Assert.Equal(60, report.Provisioning!.CustomersWithOwner);
        // 5 s at 150/s; a batch counts as measured when its last event is due after the 1 s warm-up.
        Assert.Equal(750, report.Events.Offered + report.Events.WarmupOffered);
        Assert.InRange(report.Events.WarmupOffered, 140, 150);
        Assert.Equal(report.Events.Offered, report.Events.Accepted);
        Assert.Equal(report.Events.Offered, report.AckLatency.Count);
        var n = report.Nudges;
        // Enough nudges to mean something; on a busy machine more events of one customer overlap in flight, and a nudge
        // such an overlap may rightly make absent is counted as reordered rather than expected.
        Assert.True(n.Expected >= 50 && n.Expected + n.Reordered > 200, $"expected {n.Expected}, reordered {n.Reordered}");
        Assert.Equal((n.Expected, 0L, 0L, 0L, 0L, 0L), (n.Received, n.Lost, n.Duplicates, n.Misrouted, n.WrongKind, n.Unexpected));
        // staff-0 has two of the four consoles, so its nudges also arrive as copies.
        Assert.True(n.ExtraCopies > 0);
        Assert.Equal(n.Received, report.NudgeLatency.Count);
        Assert.True(report.Host!.ActiveCustomerGrains >= 60);
        Assert.True(report.Host.Nodes.Single().Samples >= 3);
        Assert.NotEmpty(report.Timeline);
        Assert.Empty(report.Errors);
        // After the drain the tool reads the platform's execution report per staff member: every nudge received was raised.
        var execution = report.Execution!;
        Assert.Null(execution.Error);
        Assert.True(execution.Total!.Raised >= n.Received, $"raised {execution.Total.Raised}, received {n.Received}");
        Assert.Subset(new HashSet<string> { "staff-0", "staff-1", "staff-2", "" }, execution.Staff.Select(s => s.StaffId).ToHashSet());
        Assert.Equal(execution.Total.Raised, execution.Staff.Sum(s => s.Raised));
        Assert.Contains("execution     per staff member", TextReportWriter.Write(report));
    }

    [Fact]
    public async Task A_handover_run_moves_staff_0s_customers_under_load_and_their_next_nudges_reach_staff_1()
    {
        var report = await RunAsync(
            "--preset", "handover", "--handover-at", "1s", "--customers", "60", "--staff", "3", "--rate", "100", "--duration", "10s",
            "--warmup", "1s", "--drain", "20s", "--batch-size", "10", "--seed", "12", "--mix", "message.received=4,page.viewed=1");

        var handover = report.Handover!;
        Assert.Equal(("staff-0", "staff-1", "completed"), (handover.From, handover.To, handover.State));
        Assert.Equal((20L, 20L, 0L), (handover.Total, handover.Moved, handover.Failed));
        Assert.True(handover.MovedPerSecond > 0);
        var after = handover.NudgesAfter!;
        Assert.True(after.Expected > 0, "no moved customer's event came after the handover");
        Assert.Equal((after.Expected, 0L), (after.Received, after.Misrouted));
        Assert.Equal((0L, 0L), (report.Nudges.Lost, report.Nudges.Misrouted));
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_backfill_run_stores_every_event_and_raises_no_nudge()
    {
        var report = await RunAsync(
            "--mode", "backfill", "--customers", "40", "--staff", "2", "--consoles", "2", "--rate", "150", "--duration", "3s",
            "--warmup", "1s", "--drain", "3s", "--batch-size", "50", "--seed", "13",
            "--mix", "message.received=5,friend.deleted=1,friend.added=1,order.paid=1");

        Assert.Equal(report.Events.Offered, report.Events.Accepted);
        Assert.True(report.Events.Offered > 300);
        Assert.Equal((0L, 0L, 0L), (report.Nudges.Expected, report.Nudges.Received, report.Nudges.Unexpected));
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_soak_run_over_two_tenants_delivers_every_nudge_once_and_reports_p99_per_second_gc_thread_pool_and_cpu_per_event()
    {
        var report = await RunAsync(
            "--preset", "soak", "--tenants", "2", "--customers", "81", "--staff", "3", "--rate", "120", "--duration", "4s", "--warmup", "1s",
            "--drain", "20s", "--batch-size", "10", "--seed", "14", "--mix", "message.received=5,page.viewed=2,order.paid=1");

        var soak = report.Soak!;
        Assert.Equal([("t0", 41, 60.0), ("t1", 40, 60.0)], soak.Tenants.Select(t => (t.Tenant[^2..], t.Customers, t.Rate)));
        Assert.Equal(81, report.Provisioning!.CustomersWithOwner);
        Assert.Equal(6, report.Nudges.ConsolesConnected);
        Assert.Equal(report.Events.Offered, report.Events.Accepted);
        var n = report.Nudges;
        // Enough nudges to mean something; on a busy machine more events of one customer overlap in flight, and a nudge
        // such an overlap may rightly make absent is counted as reordered rather than expected.
        Assert.True(n.Expected >= 50 && n.Expected + n.Reordered > 200, $"expected {n.Expected}, reordered {n.Reordered}");
        Assert.Equal((n.Expected, 0L, 0L, 0L, 0L), (n.Received, n.Lost, n.Duplicates, n.Misrouted, n.Unexpected));
        Assert.True(soak.NudgeP99BySecond.Count >= 3, $"{soak.NudgeP99BySecond.Count} seconds with nudges");
        Assert.Equal(soak.NudgeP99BySecond.Max(s => s.P99Ms), soak.WorstSecond!.P99Ms);
        Assert.True(soak.DurableEvents > 0 && soak.HostCoreMsPer1000Events > 0, $"host {soak.HostCoreMsPer1000Events} core-ms over {soak.DurableEvents}");
        Assert.True(soak.LoadToolCoreMsPer1000Events > 0, $"load tool {soak.LoadToolCoreMsPer1000Events} core-ms");
        // The node's stats give its GC pauses, thread pool and lock contentions.
        Assert.NotNull(soak.GcPauseTotalMs);
        Assert.NotNull(soak.GcPauseLongestMs);
        Assert.NotNull(soak.ThreadPoolQueueMax);
        Assert.NotNull(soak.LockContentionsPerSecond);
        // PostgreSQL is not the tool's own here.
        Assert.Null(soak.PostgresCoreMsPer1000Events);
        Assert.StartsWith("n/a", soak.PostgresNote);
        Assert.Contains(soak.Targets, t => t.What == "nudges lost" && t.Met);
        Assert.Empty(report.Errors);
    }

    private async Task<RunReport> RunAsync(params string[] args)
    {
        var options = OptionParser.Parse(args, DateTimeOffset.UtcNow, _ => null)! with { Targets = [_node!.Url], OperatorKey = _node.OperatorKey };
        var log = new StringWriter();
        try
        {
            var report = options.Soak is not null
                ? await new SoakRun(options, TextWriter.Synchronized(log)).RunAsync(CancellationToken.None)
                : await new LoadTestRun(options, TextWriter.Synchronized(log)).RunAsync(CancellationToken.None);
            output.WriteLine(TextReportWriter.Write(report));
            return report;
        }
        finally
        {
            output.WriteLine(log.ToString());
        }
    }
}
