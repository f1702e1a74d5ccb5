using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Chaos;

/// <summary>One fault of the schedule: when (from the start of the measured period), what, and to which node (null for PostgreSQL).</summary>
public sealed record PlannedFault(int Number, TimeSpan At, FaultKind Kind, int? Node);

/// <summary>
/// The chaos schedule: a fault at <see cref="ChaosOptions.FirstFaultAt"/> and every <see cref="ChaosOptions.FaultEvery"/>
/// after it while within the measured period, the kinds taken in the given order and round again; node faults go to
/// the nodes in turn (node 0, 1, 2, 0...), so every node is lost once before any twice; no more than
/// <see cref="ChaosOptions.MaxFaults"/>. Pure.
/// </summary>
public static class FaultPlan
{
    public static IReadOnlyList<PlannedFault> Create(ChaosOptions options, TimeSpan measured, int nodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var plan = new List<PlannedFault>();
        var nextNode = 0;
        for (var at = options.FirstFaultAt; at < measured && plan.Count < (options.MaxFaults ?? int.MaxValue); at += options.FaultEvery)
        {
            var kind = options.Faults[plan.Count % options.Faults.Count];
            int? node = kind == FaultKind.PostgresRestart ? null : nextNode++ % nodes;
            plan.Add(new PlannedFault(plan.Count + 1, at, kind, node));
        }
        return plan;
    }
}
