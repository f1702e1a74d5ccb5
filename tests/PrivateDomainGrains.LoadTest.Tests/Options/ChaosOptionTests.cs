using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class ChaosOptionTests
{
    private static LoadTestOptions Parse(params string[] args) =>
        OptionParser.Parse(args, DateTimeOffset.UnixEpoch, _ => null) ?? throw new InvalidOperationException("help");

    [Fact]
    public void The_chaos_preset_starts_three_nodes_retries_failed_batches_and_faults_every_30_seconds_for_about_three_minutes()
    {
        var o = Parse("--preset", "chaos");

        Assert.Equal(3, o.Cluster!.Nodes.Count);
        Assert.Equal([new NodePorts(5181, 11181, 30181), new NodePorts(5182, 11182, 30182), new NodePorts(5183, 11183, 30183)], o.Cluster.Nodes);
        Assert.Equal(["http://127.0.0.1:5181/", "http://127.0.0.1:5182/", "http://127.0.0.1:5183/"], o.Targets.Select(t => t.ToString()));
        Assert.Equal(new ChaosOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), [FaultKind.Kill, FaultKind.Stop, FaultKind.PostgresRestart], TimeSpan.FromSeconds(5)),
            o.Chaos! with { Faults = o.Chaos.Faults.ToArray() }, new ChaosOptionsComparer());
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(150), TimeSpan.FromSeconds(30)), (o.RetryFor, o.Duration, o.Drain));
        Assert.Null(o.OperatorKey);
    }

    [Fact]
    public void The_rolling_preset_stops_each_of_three_nodes_once_in_turn_at_3000_events_per_second_each_node_as_soon_as_the_previous_is_back()
    {
        var o = Parse("--preset", "rolling");

        Assert.Equal(3, o.Cluster!.Nodes.Count);
        Assert.Equal([FaultKind.Stop], o.Chaos!.Faults);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.Zero, (int?)3), (o.Chaos.FirstFaultAt, o.Chaos.FaultEvery, o.Chaos.DownFor, o.Chaos.MaxFaults));
        Assert.Equal((3000.0, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60)), (o.Rate, o.Duration, o.RetryFor));
    }

    [Fact]
    public void The_schedule_ports_and_database_can_be_chosen()
    {
        var o = Parse("--preset", "chaos", "--nodes", "2", "--faults", "pg,kill", "--fault-every", "20s", "--first-fault", "5s", "--down-for", "2s",
            "--http-port", "5280", "--silo-port", "11280", "--gateway-port", "30280", "--pg-port", "55454", "--pg-data", "/tmp/pg", "--database", "chaos_1");

        Assert.Equal([FaultKind.PostgresRestart, FaultKind.Kill], o.Chaos!.Faults);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2)), (o.Chaos.FirstFaultAt, o.Chaos.FaultEvery, o.Chaos.DownFor));
        Assert.Equal(new NodePorts(5281, 11281, 30281), o.Cluster!.Nodes[1]);
        Assert.Equal((55454, "/tmp/pg", "chaos_1"), (o.Cluster.PostgresPort, o.Cluster.PostgresDataDirectory, o.Cluster.Database));
    }

    [Theory]
    [InlineData("--nodes", "1")]
    [InlineData("--targets", "http://127.0.0.1:5080")]
    [InlineData("--operator-key", "k")]
    [InlineData("--faults", "reboot")]
    [InlineData("--fault-every", "0s")]
    [InlineData("--first-fault", "200s")]
    [InlineData("--consoles", "0")]
    [InlineData("--provision", "false")]
    [InlineData("--database", "no;drop")]
    public void A_chaos_run_that_could_not_inject_or_observe_its_faults_is_refused(string option, string value)
    {
        Assert.Throws<OptionsException>(() => Parse("--preset", "chaos", option, value));
    }

    [Fact]
    public void Any_preset_can_start_its_own_cluster_and_then_does_not_retry_unless_told()
    {
        var o = Parse("--nodes", "1", "--http-port", "5290");

        Assert.Equal(["http://127.0.0.1:5290/"], o.Targets.Select(t => t.ToString()));
        Assert.Equal((Preset.Steady, TimeSpan.Zero), (o.Preset, o.RetryFor));
        Assert.Null(o.Chaos);
    }

    private sealed class ChaosOptionsComparer : IEqualityComparer<ChaosOptions>
    {
        public bool Equals(ChaosOptions? x, ChaosOptions? y) =>
            x is not null && y is not null && x.FirstFaultAt == y.FirstFaultAt && x.FaultEvery == y.FaultEvery && x.DownFor == y.DownFor && x.Faults.SequenceEqual(y.Faults);

        public int GetHashCode(ChaosOptions obj) => obj.FaultEvery.GetHashCode();
    }
}
