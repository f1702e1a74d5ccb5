namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>One second of the run (since the schedule started) with the nudges that arrived in it and their p99, in ms.</summary>
public sealed record SecondP99(int Second, long Nudges, double P99Ms);

/// <summary>CPU used between two samples: <see cref="CpuSeconds"/> from <see cref="FromTicks"/> to <see cref="ToTicks"/> on the run clock.</summary>
public sealed record CpuSpan(long FromTicks, long ToTicks, double CpuSeconds);

/// <summary>
/// The soak preset's figures from what the run recorded. Pure: the same inputs always give the same figures, so every
/// rule is unit-testable.
/// </summary>
public static class SoakAccounting
{
    /// <summary>Event to console p99 of each second in which nudges arrived (the timeline's), in order; seconds without any are left out.</summary>
    public static IReadOnlyList<SecondP99> NudgeP99BySecond(IReadOnlyList<TimelinePoint> timeline) =>
        timeline.Where(p => p.NudgesReceived > 0).Select(p => new SecondP99(p.Second, p.NudgesReceived, p.NudgeP99Ms)).ToArray();

    /// <summary>The second with the highest p99 (the earliest of equals); null when no nudge arrived.</summary>
    public static SecondP99? WorstSecond(IReadOnlyList<SecondP99> seconds) =>
        seconds.Count == 0 ? null : seconds.Aggregate((worst, s) => s.P99Ms > worst.P99Ms ? s : worst);

    /// <summary>
    /// CPU used between the first and the last sample within [<paramref name="fromTicks"/>, <paramref name="toTicks"/>];
    /// null with fewer than two samples there, or when the counter went back (a restarted process says nothing).
    /// </summary>
    public static CpuSpan? CpuOver(IEnumerable<CpuSample> samples, long fromTicks, long toTicks)
    {
        var inside = samples.Where(s => s.AtTicks >= fromTicks && s.AtTicks <= toTicks).OrderBy(s => s.AtTicks).ToArray();
        if (inside.Length < 2) return null;
        var used = inside[^1].CpuSeconds - inside[0].CpuSeconds;
        return used < 0 ? null : new CpuSpan(inside[0].AtTicks, inside[^1].AtTicks, used);
    }

    /// <summary>Measured events the platform accepted (stored durably by this run) with their answer within [from, to].</summary>
    public static long DurableBetween(IEnumerable<SentEvent> events, long fromTicks, long toTicks) =>
        events.LongCount(e => e.Measured && e.Outcome == EventOutcome.Accepted && e.AnsweredTicks >= fromTicks && e.AnsweredTicks <= toTicks);

    /// <summary>
    /// CPU per 1,000 durable events in core-milliseconds: <paramref name="cpuSeconds"/> × 1,000 ms ÷ events × 1,000
    /// (2 core-seconds over 10,000 events: 200 core-ms per 1,000 events, i.e. 200 core-µs per event). Null without events.
    /// </summary>
    public static double? CoreMsPerThousandEvents(double cpuSeconds, long events) =>
        events <= 0 ? null : cpuSeconds * 1000 / events * 1000;

    /// <summary>
    /// GC pauses within the window from every node's stats: the pause time, summed over nodes (each node's last total
    /// minus its first; a node whose total went back restarted and says nothing), and the longest single pause: the
    /// largest per-minute longest of any reading in the window (one reading is enough). A reading covers the minute
    /// before it, so a pause up to a minute before the window opened can count. Null without a reading in the window.
    /// </summary>
    public static (double TotalMs, double LongestMs)? GcPauses(IEnumerable<NodeStatsSample> samples, long fromTicks, long toTicks)
    {
        var inside = Inside(samples, fromTicks, toTicks).ToArray();
        if (inside.Length == 0) return null;
        double total = 0;
        foreach (var node in inside.GroupBy(s => s.Node))
        {
            var ordered = node.OrderBy(s => s.AtTicks).ToArray();
            total += Math.Max(0, ordered[^1].GcPauseSecondsTotal - ordered[0].GcPauseSecondsTotal);
        }
        return (total * 1000, inside.Max(s => s.GcPauseMaxRecentSeconds) * 1000);
    }

    /// <summary>The thread pool's queue length over every reading of every node in the window: the largest and the nearest-rank p99. Null without readings.</summary>
    public static (double Max, double P99)? ThreadPoolQueue(IEnumerable<NodeStatsSample> samples, long fromTicks, long toTicks)
    {
        var lengths = Inside(samples, fromTicks, toTicks).Select(s => s.ThreadPoolQueueLength).Order().ToArray();
        return lengths.Length == 0 ? null : (lengths[^1], Percentile.NearestRank(lengths, 99));
    }

    /// <summary>
    /// Lock contentions per second within the window, all nodes: the sum of each node's growth over the seconds between
    /// its first and last reading there. Null with no node read twice, a second apart or more, in the window.
    /// </summary>
    public static double? LockContentionsPerSecond(IEnumerable<NodeStatsSample> samples, long fromTicks, long toTicks)
    {
        double? rate = null;
        foreach (var node in Inside(samples, fromTicks, toTicks).GroupBy(s => s.Node))
        {
            var ordered = node.OrderBy(s => s.AtTicks).ToArray();
            var seconds = TimeSpan.FromTicks(ordered[^1].AtTicks - ordered[0].AtTicks).TotalSeconds;
            if (seconds < 1) continue;
            rate = (rate ?? 0) + Math.Max(0, ordered[^1].LockContentionsTotal - ordered[0].LockContentionsTotal) / seconds;
        }
        return rate;
    }

    /// <summary>
    /// Bytes the nodes allocated within the window: each node's growth of its allocated total between its first and last
    /// reading there, summed (a node whose total went back restarted and adds nothing). Null with no node read twice there.
    /// A count, unlike CPU time it does not change with what else runs on the machine.
    /// </summary>
    public static long? AllocatedBytes(IEnumerable<NodeStatsSample> samples, long fromTicks, long toTicks)
    {
        long? total = null;
        foreach (var node in Inside(samples, fromTicks, toTicks).GroupBy(s => s.Node))
        {
            var ordered = node.OrderBy(s => s.AtTicks).ToArray();
            if (ordered.Length < 2) continue;
            total = (total ?? 0) + Math.Max(0, ordered[^1].AllocatedBytesTotal - ordered[0].AllocatedBytesTotal);
        }
        return total;
    }

    private static IEnumerable<NodeStatsSample> Inside(IEnumerable<NodeStatsSample> samples, long fromTicks, long toTicks) =>
        samples.Where(s => s.AtTicks >= fromTicks && s.AtTicks <= toTicks);
}
