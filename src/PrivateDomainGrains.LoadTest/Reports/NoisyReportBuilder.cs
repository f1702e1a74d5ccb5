using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Run;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Computes <see cref="NoisyFigures"/>: tenant B's measured events split at the start of A's flood by their scheduled time. Pure.</summary>
public static class NoisyReportBuilder
{
    public static NoisyFigures Build(ReportInputs r, NoisyInputs n, NudgeReconciliation nudges, IReadOnlyList<RequestAttempt> requests)
    {
        var measureFrom = r.StartTicks + r.Schedule.MeasureFrom.Ticks;
        var measureTo = r.StartTicks + r.Schedule.End.Ticks;
        var measured = r.Events.Where(e => e.Measured).ToArray();
        var due = measured.ToDictionary(e => e.EventId, e => e.DueTicks, StringComparer.Ordinal);
        var quiet = Phase(measured, nudges, due, requests, measureFrom, n.FloodStartTicks);
        var flood = Phase(measured, nudges, due, requests, n.FloodStartTicks, measureTo);
        double? ratio = quiet.P99WithFailuresMs is > 0 && flood.P99WithFailuresMs is { } f ? Math.Round(f / quiet.P99WithFailuresMs.Value, 2) : null;
        var valid = n.Flood.ValidEvents;
        var validAcked = valid.Where(e => e.Acknowledged).ToArray();
        return new NoisyFigures(
            r.Options.Tenant,
            n.Flood.Tenant,
            Seconds(n.FloodStartTicks - r.StartTicks),
            Seconds(n.FloodEndTicks - r.StartTicks),
            quiet,
            flood,
            ratio,
            ratio is { } x ? x <= NoisyFigures.TargetRatio : flood.Events > 0 && flood.P99WithFailuresMs is null ? false : null,
            new FloodFigures(n.Flood.SignInsSent, n.Flood.BadEventsSent, valid.Count, validAcked.Length, n.Flood.Skipped,
                LatencySummary.From(LatencyHistograms.FromTicks(validAcked.Select(e => e.AnsweredTicks - e.DueTicks))), n.Flood.Outcomes));
    }

    private static PhaseFigures Phase(SentEvent[] measured, NudgeReconciliation nudges, Dictionary<string, long> due,
        IReadOnlyList<RequestAttempt> requests, long from, long to)
    {
        bool In(long ticks) => ticks >= from && ticks < to;
        var events = measured.Where(e => In(e.DueTicks)).ToArray();
        var acked = events.Where(e => e.Acknowledged).ToArray();
        var answered = events.Where(e => e.Outcome != EventOutcome.Failed).Select(e => e.AnsweredTicks - e.DueTicks).Order().ToArray();
        // Nearest rank over all events, the unanswered ones sorted after every answer.
        var rank = (int)Math.Ceiling(0.99 * events.Length);
        double? p99WithFailures = events.Length > 0 && rank <= answered.Length ? Math.Round(answered[rank - 1] / (double)TimeSpan.TicksPerMillisecond, 3) : null;
        var answers = requests.Where(q => q.Call == EventDriver.DefaultCall && In(q.AtTicks))
            .GroupBy(q => q.Outcome).Select(g => new StatusCount(EventDriver.DefaultCall, g.Key, g.LongCount())).OrderBy(c => c.Outcome, StringComparer.Ordinal).ToArray();
        return new PhaseFigures(
            Seconds(to - from),
            events.Length,
            acked.Length,
            events.LongCount(e => e.Outcome == EventOutcome.Rejected),
            events.LongCount(e => e.Outcome == EventOutcome.Failed),
            LatencySummary.From(LatencyHistograms.FromTicks(acked.Select(e => e.AnsweredTicks - e.DueTicks))),
            p99WithFailures,
            LatencySummary.From(LatencyHistograms.FromTicks(nudges.Deliveries.Where(d => In(due[d.EventId])).Select(d => d.LatencyTicks))),
            answers);
    }

    private static double Seconds(long ticks) => Math.Round(TimeSpan.FromTicks(ticks).TotalSeconds, 3);
}
