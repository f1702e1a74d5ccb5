using PrivateDomainGrains.LoadTest.Chaos;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Chaos;

public sealed class FaultPlanTests
{
    [Fact]
    public void Faults_follow_the_schedule_within_the_measured_period_taking_kinds_in_turn_and_nodes_in_turn()
    {
        var options = new ChaosOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), [FaultKind.Kill, FaultKind.Stop, FaultKind.PostgresRestart], TimeSpan.FromSeconds(5));

        var plan = FaultPlan.Create(options, TimeSpan.FromSeconds(150), nodes: 3);

        Assert.Equal(
        [
            new PlannedFault(1, TimeSpan.FromSeconds(30), FaultKind.Kill, 0),
            new PlannedFault(2, TimeSpan.FromSeconds(60), FaultKind.Stop, 1),
            new PlannedFault(3, TimeSpan.FromSeconds(90), FaultKind.PostgresRestart, null),
            new PlannedFault(4, TimeSpan.FromSeconds(120), FaultKind.Kill, 2),
        ], plan);
    }

    [Fact]
    public void Node_faults_wrap_round_the_nodes()
    {
        var options = new ChaosOptions(TimeSpan.Zero, TimeSpan.FromSeconds(10), [FaultKind.Kill], TimeSpan.Zero);

        Assert.Equal([0, 1, 0], FaultPlan.Create(options, TimeSpan.FromSeconds(30), nodes: 2).Select(f => f.Node!.Value));
    }

    [Fact]
    public void A_rolling_restart_stops_each_node_once_in_turn_and_no_more()
    {
        var options = new ChaosOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), [FaultKind.Stop], TimeSpan.Zero, MaxFaults: 3);

        var plan = FaultPlan.Create(options, TimeSpan.FromSeconds(120), nodes: 3);

        Assert.Equal([(FaultKind.Stop, 0), (FaultKind.Stop, 1), (FaultKind.Stop, 2)], plan.Select(f => (f.Kind, f.Node!.Value)));
    }
}
