using PrivateDomainGrains.LoadTest.Accounting;
using static PrivateDomainGrains.LoadTest.Reports.Units;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>The soak section of the report, from the run's recorded events, node stats, CPU samples and timeline. Pure.</summary>
public static class SoakReportBuilder
{
    public static SoakFigures Build(ReportInputs r, SoakInputs soak, IReadOnlyList<TimelinePoint> timeline, LatencySummary nudgeLatency, NudgeFigures nudges)
    {
        var from = r.StartTicks + r.Schedule.MeasureFrom.Ticks;
        var acknowledged = r.Events.Where(e => e.Measured && e.Acknowledged).ToArray();
        var to = Math.Max(r.StartTicks + r.Schedule.End.Ticks, acknowledged.Length == 0 ? 0 : acknowledged.Max(e => e.AnsweredTicks));

        var hostSpans = r.Stats.GroupBy(s => s.Node)
            .Select(g => SoakAccounting.CpuOver(g.Select(s => new CpuSample(s.AtTicks, s.CpuSecondsTotal)), from, to))
            .OfType<CpuSpan>().ToArray();
        var hostFrom = hostSpans.Length == 0 ? from : hostSpans.Min(s => s.FromTicks);
        var hostTo = hostSpans.Length == 0 ? from : hostSpans.Max(s => s.ToTicks);
        var hostEvents = SoakAccounting.DurableBetween(r.Events, hostFrom, hostTo);
        double? hostCpu = hostSpans.Length == 0 ? null : hostSpans.Sum(s => s.CpuSeconds);
        var hostAllocated = SoakAccounting.AllocatedBytes(r.Stats, from, to);

        var pgSpan = SoakAccounting.CpuOver(soak.Postgres, from, to);
        var pgNote = soak.PostgresNote ?? (pgSpan is null ? "n/a: fewer than two PostgreSQL CPU samples in the measured period" : null);
        var pgEvents = pgSpan is null ? 0 : SoakAccounting.DurableBetween(r.Events, pgSpan.FromTicks, pgSpan.ToTicks);

        var toolSpan = SoakAccounting.CpuOver(soak.LoadTool, from, to);
        var toolEvents = toolSpan is null ? 0 : SoakAccounting.DurableBetween(r.Events, toolSpan.FromTicks, toolSpan.ToTicks);

        var gc = SoakAccounting.GcPauses(r.Stats, from, to);
        var queue = SoakAccounting.ThreadPoolQueue(r.Stats, from, to);
        var contentions = SoakAccounting.LockContentionsPerSecond(r.Stats, from, to);
        var seconds = SoakAccounting.NudgeP99BySecond(timeline);
        var worst = SoakAccounting.WorstSecond(seconds);
        var over = seconds.Count(s => s.P99Ms > SoakFigures.SecondP99LimitMs);

        TargetCheck[] targets =
        [
            new("event -> console p99 over the whole run", $"<= {F(SoakFigures.RunP99TargetMs, "0")} ms", $"{F(nudgeLatency.P99Ms, "0.0")} ms",
                nudgeLatency.Count > 0 && nudgeLatency.P99Ms <= SoakFigures.RunP99TargetMs, Timed: true),
            new("seconds with p99 over 1 s", "0", $"{over}" + (worst is null ? "" : $" (worst: second {worst.Second}, {F(worst.P99Ms, "0.0")} ms)"),
                worst is not null && over == 0, Timed: true),
            new("GC pause", $"none over {F(SoakFigures.GcPauseLimitMs, "0")} ms",
                gc is { } g ? $"longest {F(g.LongestMs, "0.0")} ms" : "not read",
                gc is { } p && p.LongestMs <= SoakFigures.GcPauseLimitMs, Timed: true),
            new("nudges lost", "0", N(nudges.Lost), nudges.Expected > 0 && nudges.Lost == 0),
            new("nudges duplicated", "0", N(nudges.Duplicates), nudges.Duplicates == 0),
        ];

        return new SoakFigures(
            soak.Tenants,
            Math.Round(TimeSpan.FromTicks(hostTo - hostFrom).TotalSeconds, 3),
            hostEvents,
            hostCpu is { } h ? Math.Round(h, 3) : null,
            hostCpu is { } hc ? Round(SoakAccounting.CoreMsPerThousandEvents(hc, hostEvents)) : null,
            hostAllocated is { } bytes && hostEvents > 0 ? Math.Round((double)bytes / hostEvents, 1) : null,
            pgSpan is null ? null : Math.Round(pgSpan.CpuSeconds, 3),
            pgSpan is null ? null : Round(SoakAccounting.CoreMsPerThousandEvents(pgSpan.CpuSeconds, pgEvents)),
            pgNote,
            toolSpan is null ? null : Math.Round(toolSpan.CpuSeconds, 3),
            toolSpan is null ? null : Round(SoakAccounting.CoreMsPerThousandEvents(toolSpan.CpuSeconds, toolEvents)),
            gc is { } total ? Math.Round(total.TotalMs, 1) : null,
            gc is { } most ? Math.Round(most.LongestMs, 1) : null,
            queue?.Max,
            queue?.P99,
            Round(contentions),
            worst,
            over,
            seconds,
            targets);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
