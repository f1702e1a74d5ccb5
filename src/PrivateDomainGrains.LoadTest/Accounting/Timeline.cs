namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>Buckets the run into seconds since the schedule started, for the report's timeline chart.</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelinePoint> Build(
        IReadOnlyList<SentEvent> events, IReadOnlyList<NudgeDelivery> deliveries, IReadOnlyList<NodeStatsSample> stats, long startTicks)
    {
        var lastTicks = new[]
        {
            events.Count == 0 ? startTicks : events.Max(e => Math.Max(e.DueTicks, e.AnsweredTicks)),
            deliveries.Count == 0 ? startTicks : deliveries.Max(d => d.ArrivedTicks),
        }.Max();
        var seconds = Math.Max(1, SecondOf(lastTicks, startTicks) + 1);
        var offered = new long[seconds];
        var failed = new long[seconds];
        var ackLatencies = Enumerable.Range(0, seconds).Select(_ => new List<long>()).ToArray();
        var nudgeLatencies = Enumerable.Range(0, seconds).Select(_ => new List<long>()).ToArray();

        foreach (var e in events)
        {
            var due = Clamp(SecondOf(e.DueTicks, startTicks), seconds);
            offered[due]++;
            if (e.Outcome == EventOutcome.Failed) failed[due]++;
            if (e.Acknowledged) ackLatencies[Clamp(SecondOf(e.AnsweredTicks, startTicks), seconds)].Add(e.AnsweredTicks - e.DueTicks);
        }
        foreach (var d in deliveries) nudgeLatencies[Clamp(SecondOf(d.ArrivedTicks, startTicks), seconds)].Add(d.LatencyTicks);

        var cpu = stats.GroupBy(s => s.Node)
            .SelectMany(g => HostUsage.Summarise(g.ToArray()).Nodes.SelectMany(n => n.Cpu))
            .GroupBy(p => SecondOf(p.AtTicks, startTicks))
            .ToDictionary(g => g.Key, g => g.Average(p => p.Percent));
        // Per second, each node's last sample, summed over nodes.
        var memory = stats.GroupBy(s => SecondOf(s.AtTicks, startTicks))
            .ToDictionary(g => g.Key, g => g.GroupBy(s => s.Node).Select(n => n.MaxBy(s => s.AtTicks)!).ToArray());

        var points = new TimelinePoint[seconds];
        for (var i = 0; i < seconds; i++)
        {
            ackLatencies[i].Sort();
            nudgeLatencies[i].Sort();
            var host = memory.GetValueOrDefault(i);
            points[i] = new TimelinePoint(i, offered[i], ackLatencies[i].Count, failed[i], nudgeLatencies[i].Count,
                Ms(Percentile.NearestRank(ackLatencies[i], 50)), Ms(Percentile.NearestRank(ackLatencies[i], 99)),
                Ms(Percentile.NearestRank(nudgeLatencies[i], 99)),
                cpu.TryGetValue(i, out var c) ? Math.Round(c, 1) : null,
                host?.Sum(s => s.WorkingSetBytes), host?.Sum(s => s.ActiveCustomerGrains));
        }
        return points;
    }

    private static int SecondOf(long ticks, long startTicks) => (int)Math.Floor((ticks - startTicks) / (double)TimeSpan.TicksPerSecond);

    /// <summary>Samples before the start (the baseline) land in second 0.</summary>
    private static int Clamp(int second, int seconds) => Math.Clamp(second, 0, seconds - 1);

    private static double Ms(long ticks) => Math.Round(ticks / (double)TimeSpan.TicksPerMillisecond, 3);
}
