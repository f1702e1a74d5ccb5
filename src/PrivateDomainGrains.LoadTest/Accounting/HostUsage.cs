namespace PrivateDomainGrains.LoadTest.Accounting;

public sealed record CpuPoint(long AtTicks, double Percent);

public sealed record NodeUsage(
    string Node,
    int Samples,
    double CpuAveragePercent,
    double CpuMaxPercent,
    long WorkingSetMaxBytes,
    long WorkingSetLastBytes,
    long ManagedHeapMaxBytes,
    long ActiveCustomerGrainsMax,
    long ActiveCustomerGrainsLast,
    IReadOnlyList<CpuPoint> Cpu);

/// <param name="BytesPerActiveCustomer">Whole working set over active customers: an upper bound, since it includes the process's fixed cost.</param>
/// <param name="IncrementalBytesPerActiveCustomer">Working-set growth over customer-grain growth during the run: closer to the marginal cost of one customer.</param>
public sealed record HostUsageSummary(
    IReadOnlyList<NodeUsage> Nodes,
    long ActiveCustomerGrains,
    long WorkingSetBytes,
    double? BytesPerActiveCustomer,
    double? IncrementalBytesPerActiveCustomer);

/// <summary>Turns stats samples into CPU and memory figures. CPU is a share of the whole node (all its cores), from counter deltas.</summary>
public static class HostUsage
{
    public static double? CpuPercent(NodeStatsSample previous, NodeStatsSample next)
    {
        var wall = next.UptimeSeconds - previous.UptimeSeconds;
        var cpu = next.CpuSecondsTotal - previous.CpuSecondsTotal;
        // A restarted node resets both counters: that interval says nothing.
        if (wall <= 0 || cpu < 0 || next.ProcessorCount <= 0) return null;
        return Math.Min(100, cpu / (wall * next.ProcessorCount) * 100);
    }

    public static HostUsageSummary Summarise(IReadOnlyList<NodeStatsSample> samples)
    {
        var nodes = samples.GroupBy(s => s.Node, StringComparer.Ordinal)
            .Select(g => Node(g.Key, g.OrderBy(s => s.AtTicks).ToArray()))
            .OrderBy(n => n.Node, StringComparer.Ordinal)
            .ToArray();
        var firsts = samples.GroupBy(s => s.Node).Select(g => g.MinBy(s => s.AtTicks)!).ToArray();
        var grains = nodes.Sum(n => n.ActiveCustomerGrainsLast);
        var workingSet = nodes.Sum(n => n.WorkingSetLastBytes);
        var grainGrowth = grains - firsts.Sum(s => s.ActiveCustomerGrains);
        var workingSetGrowth = workingSet - firsts.Sum(s => s.WorkingSetBytes);
        return new HostUsageSummary(
            nodes,
            grains,
            workingSet,
            grains > 0 ? (double)workingSet / grains : null,
            grainGrowth > 0 ? (double)workingSetGrowth / grainGrowth : null);
    }

    private static NodeUsage Node(string node, NodeStatsSample[] ordered)
    {
        var cpu = new List<CpuPoint>();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (CpuPercent(ordered[i - 1], ordered[i]) is { } percent) cpu.Add(new CpuPoint(ordered[i].AtTicks, percent));
        }
        return new NodeUsage(
            node,
            ordered.Length,
            cpu.Count == 0 ? 0 : cpu.Average(p => p.Percent),
            cpu.Count == 0 ? 0 : cpu.Max(p => p.Percent),
            ordered.Max(s => s.WorkingSetBytes),
            ordered[^1].WorkingSetBytes,
            ordered.Max(s => s.ManagedHeapBytes),
            ordered.Max(s => s.ActiveCustomerGrains),
            ordered[^1].ActiveCustomerGrains,
            cpu);
    }
}
