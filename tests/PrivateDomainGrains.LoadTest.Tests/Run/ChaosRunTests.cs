using Npgsql;
using PrivateDomainGrains.LoadTest.Cluster;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Run;
using Xunit.Abstractions;

namespace PrivateDomainGrains.LoadTest.Tests.Run;

/// <summary>
/// Short chaos runs end to end: the tool starts its own PostgreSQL (through deploy/postgres.sh, on the test server's
/// port + 1, or PDG_TEST_CHAOS_PG_PORT) and three host processes from the Release build, kills one with SIGKILL under
/// load and restarts PostgreSQL, or restarts the three in turn, then checks the journal and the inbox. Needs the solution built in Release
/// (deploy/test.sh does that).
/// </summary>
public sealed class ChaosRunTests(ITestOutputHelper output)
{
    /// <summary>
    /// Issue 9's targets that do not depend on the machine's speed: nothing acknowledged lost, no nudge lost, pushed twice
    /// or misrouted, no HTTP 500, and every console owed nudges after the kill got them again (on its node, or on another
    /// once it reconnected). The timed ones (consoles silent at most 2 s on surviving nodes, 10 s on the lost one) are in
    /// the report but not asserted: beside other work a killed process takes seconds to disappear, so they are measured by
    /// the load tool on a machine of its own (README "Losing a node").
    /// </summary>
    [Fact]
    public async Task Under_a_kill_9_and_a_postgres_restart_nothing_is_lost_duplicated_or_misrouted_and_every_console_resumes()
    {
        var report = await RunAsync(KillAndPostgresRestart);
        var chaos = report.Chaos!;

        Assert.Equal(["kill", "pg"], chaos.Faults.Select(f => f.Kind));
        Assert.All(chaos.Faults, f => Assert.True(f.BackAfterSeconds is not null, $"fault {f.Number} did not recover: {f.Error}"));
        Assert.True(chaos.Ledger.Acknowledged > 1000, $"only {chaos.Ledger.Acknowledged} events acknowledged");
        Assert.True(chaos.Nudges.Expected > 100, $"only {chaos.Nudges.Expected} nudges expected");
        Assert.True(chaos.Faults[0].LostNode.Consoles > 0, "no console was on the killed node");
        Assert.Contains(chaos.Targets, t => t.Timed);
        Assert.All(chaos.Targets.Where(t => !t.Timed), t => Assert.True(t.Met, $"{t.What}: {t.Measured} (target {t.Target})"));
        var kill = chaos.Faults[0];
        Assert.Equal(0, kill.Surviving.NotResumed + kill.LostNode.NotResumed);
    }

    /// <summary>
    /// Issue 16: each node stopped gracefully (SIGTERM) and started again, the next once it is back, under load; nothing
    /// acknowledged is lost and no nudge misrouted (the longest console silence is in the report).
    /// </summary>
    [Fact]
    public async Task Under_a_rolling_restart_of_three_nodes_no_acknowledged_event_is_lost_and_no_nudge_is_misrouted()
    {
        var report = await RunAsync(
            "--preset", "rolling", "--customers", "200", "--staff", "4", "--rate", "100", "--duration", "30s", "--warmup", "3s", "--drain", "10s",
            "--first-fault", "5s", "--batch-size", "20", "--seed", "22", "--mix", "message.received=5,page.viewed=3,order.paid=1,friend.added=1");
        var chaos = report.Chaos!;

        Assert.Equal(["stop", "stop", "stop"], chaos.Faults.Select(f => f.Kind));
        Assert.Equal(3, chaos.Faults.Select(f => f.Target).Distinct().Count());
        Assert.All(chaos.Faults, f => Assert.True(f.BackAfterSeconds is not null, $"fault {f.Number} did not recover: {f.Error}"));
        Assert.True(chaos.Ledger.Acknowledged > 1000, $"only {chaos.Ledger.Acknowledged} events acknowledged");
        Assert.Equal(0, chaos.Ledger.AcknowledgedLost);
        Assert.True(chaos.Nudges.Expected > 100, $"only {chaos.Nudges.Expected} nudges expected");
        Assert.Equal(0, chaos.Nudges.Misrouted);
    }

    private static readonly string[] KillAndPostgresRestart =
    [
        "--preset", "chaos", "--customers", "200", "--staff", "4", "--rate", "100", "--duration", "30s", "--warmup", "3s", "--drain", "10s",
        "--faults", "kill,pg", "--first-fault", "6s", "--fault-every", "12s", "--down-for", "2s", "--batch-size", "20", "--seed", "21",
        "--mix", "message.received=5,page.viewed=3,order.paid=1,friend.added=1",
    ];

    private async Task<RunReport> RunAsync(params string[] arguments)
    {
        var layout = RepositoryLayout.Find();
        // Below the ephemeral range: a port beside the test server's (55434) was once taken by a client socket of the
        // functional tests running alongside, and PostgreSQL could not bind it.
        var pgPort = int.TryParse(Environment.GetEnvironmentVariable("PDG_TEST_CHAOS_PG_PORT"), out var port) ? port : FreePorts.Next();
        var database = "pdg_chaos_" + Guid.NewGuid().ToString("N")[..12];
        var clusterOptions = new ManagedClusterOptions(
            Enumerable.Range(0, 3).Select(_ => new NodePorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next())).ToArray(),
            HostDll: null,
            Path.Combine(layout.Root, ".data", "pg-chaos-test"),
            pgPort,
            database);
        var options = OptionParser.Parse(arguments, DateTimeOffset.UtcNow, _ => null)!;
        var outDirectory = Path.Combine(Path.GetTempPath(), "pdg-chaos-test-" + Guid.NewGuid().ToString("N")[..8]);
        options = options with
        {
            Cluster = clusterOptions,
            Targets = clusterOptions.Nodes.Select(n => new Uri($"http://127.0.0.1:{n.Http}/")).ToArray(),
            OutputDirectory = outDirectory,
        };
        var log = new StringWriter();
        var synchronizedLog = TextWriter.Synchronized(log);
        try
        {
            RunReport report;
            await using (var cluster = await ManagedCluster.StartAsync(clusterOptions, outDirectory, synchronizedLog, CancellationToken.None))
            {
                try
                {
                    report = await new LoadTestRun(options with { OperatorKey = cluster.OperatorKey }, synchronizedLog, cluster).RunAsync(CancellationToken.None);
                }
                finally
                {
                    await cluster.StopNodesAsync();
                    await DropDatabaseAsync(cluster.Postgres.ConnectionString("postgres"), database);
                }
            }
            output.WriteLine(TextReportWriter.Write(report));
            return report;
        }
        finally
        {
            output.WriteLine(log.ToString());
            output.WriteLine($"node logs: {outDirectory}");
        }
    }

    private static async Task DropDatabaseAsync(string connectionString, string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

}
