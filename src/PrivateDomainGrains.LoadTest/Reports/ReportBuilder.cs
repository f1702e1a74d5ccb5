using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Run;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Computes the report from what the run recorded. Pure: the same inputs always give the same report.</summary>
public static class ReportBuilder
{
    public static RunReport Build(ReportInputs r)
    {
        var o = r.Options;
        var requests = r.Requests ?? [];
        var measured = r.Events.Where(e => e.Measured).ToArray();
        var events = new EventFigures(
            measured.Length,
            measured.Count(e => e.Outcome == EventOutcome.Accepted),
            measured.Count(e => e.Outcome == EventOutcome.Duplicate),
            measured.Count(e => e.Outcome == EventOutcome.Ambiguous),
            measured.Count(e => e.Outcome == EventOutcome.Rejected),
            measured.Count(e => e.Outcome == EventOutcome.Failed),
            r.Events.Count - measured.Length);

        var measureStart = TimeSpan.FromTicks(r.StartTicks) + r.Schedule.MeasureFrom;
        var acknowledged = measured.Where(e => e.Acknowledged).ToArray();
        var lastAck = acknowledged.Length == 0 ? measureStart : TimeSpan.FromTicks(acknowledged.Max(e => e.AnsweredTicks));
        var measuredEnd = TimeSpan.FromTicks(r.StartTicks) + r.Schedule.End;
        var throughput = new ThroughputFigures(
            Math.Round(Accounting.Throughput.Offered(measured.Length, measureStart, measuredEnd), 1),
            Math.Round(Accounting.Throughput.Sustained(acknowledged.Length, measureStart, lastAck), 1),
            Math.Round((measuredEnd - measureStart).TotalSeconds, 3),
            Math.Round((lastAck - TimeSpan.FromTicks(r.StartTicks)).TotalSeconds, 3));

        var ackHistogram = LatencyHistograms.FromTicks(acknowledged.Select(e => e.AnsweredTicks - e.DueTicks));
        var owners = r.Provisioning?.Owners ?? new Dictionary<string, string>();
        // With faults, which events raised a nudge is read from the journal (see NudgeLedger), not from acknowledgements.
        var ledger = r.Chaos is { } stored ? NudgeLedger.Reconcile(r.Events, stored.Journal, owners, r.StaffWithConsoles, r.Arrivals, stored.Nudges, stored.Acks) : null;
        var nudges = ledger?.Arrivals ?? NudgeReconciler.Reconcile(r.Events, owners, r.StaffWithConsoles, r.Arrivals, r.Handover?.Window);
        var nudgeHistogram = LatencyHistograms.FromTicks(nudges.Deliveries.Select(d => d.LatencyTicks));
        long TicksOf(DateTimeOffset wall) => r.StartTicks + (wall - r.StartedAt).Ticks;
        var timers = r.Timers is { } t ? TimerReconciler.Reconcile(t.Plan, owners, r.StaffWithConsoles, r.Arrivals, TicksOf) : null;
        var timeline = Timeline.Build(r.Events, timers is null ? nudges.Deliveries : [.. nudges.Deliveries, .. timers.Deliveries], r.Stats, r.StartTicks);
        var nudgeFigures = new NudgeFigures(r.ConsolesConnected, nudges.Expected, nudges.Received, nudges.Lost, nudges.Duplicates, nudges.ExtraCopies,
            nudges.Misrouted, nudges.WrongKind, nudges.Unexpected, nudges.OutsideMeasurement, nudges.Unobserved, r.Arrivals.Count,
            r.AcksSent, r.AckFailures, r.Reconnects, nudges.LostSample, nudges.Reordered, nudges.ReplayedWhileOpen);
        var nudgeLatency = LatencySummary.From(nudgeHistogram);

        return new RunReport(
            r.StartedAt,
            Settings(o),
            r.Provisioning is { } p
                ? new ProvisioningFigures(p.TenantCreated, p.StaffCreated, p.Owners.Count, p.CustomersFailed, Math.Round(p.Elapsed.TotalSeconds, 3))
                : null,
            events,
            throughput,
            LatencySummary.From(ackHistogram),
            LatencyBucket.From(ackHistogram),
            nudgeFigures,
            nudgeLatency,
            LatencyBucket.From(nudgeHistogram),
            r.Stats.Count == 0 ? null : HostUsage.Summarise(r.Stats),
            o.Preset == Preset.Activate ? Activation(r) : null,
            timeline,
            r.Errors,
            timers is null ? null : Timers(r.Timers!, timers, TicksOf(r.Timers!.Plan.FirstDue)),
            r.Handover is { } h ? Handover(h, nudges.AfterHandover, r.StartTicks) : null,
            HttpFigures.From(requests),
            r.Chaos is { } chaos ? ChaosReportBuilder.Build(r, chaos, ledger!, requests) : null,
            r.Noisy is { } noisy ? NoisyReportBuilder.Build(r, noisy, nudges, requests) : null,
            r.Soak is { } soak ? SoakReportBuilder.Build(r, soak, timeline, nudgeLatency, nudgeFigures) : null,
            r.Execution);
    }

    private static HandoverFigures Handover(HandoverResult h, HandoverNudges? after, long startTicks)
    {
        var status = h.Status;
        double? server = status?.FinishedAt is { } finished ? Math.Round((finished - status.StartedAt).TotalSeconds, 3) : null;
        double? seconds = h.CompletedTicks is { } done ? Math.Round(TimeSpan.FromTicks(done - h.RequestedTicks).TotalSeconds, 3) : null;
        // The server's own duration when it has one: the client's includes up to one poll interval.
        var elapsed = server is > 0 ? server : seconds;
        return new HandoverFigures(h.From, h.To, status?.State ?? "not started", Math.Round(TimeSpan.FromTicks(h.RequestedTicks - startTicks).TotalSeconds, 3),
            status?.Total ?? 0, status?.Moved ?? 0, status?.Failed ?? 0, seconds, server,
            elapsed is > 0 && status is not null ? Math.Round(status.Moved / elapsed.Value, 1) : null, after, h.Error);
    }

    private static TimerFigures Timers(TimerInputs inputs, TimerReconciliation t, long firstDueTicks)
    {
        var plan = inputs.Plan;
        var lag = LatencyHistograms.FromTicks(t.Deliveries.Select(d => d.LatencyTicks));
        return new TimerFigures(
            plan.FirstDue,
            plan.Window.TotalSeconds,
            plan.Delay.TotalMinutes,
            Math.Round(Math.Max(0, (inputs.ProvisioningEndedAt - plan.FirstDue).TotalSeconds), 3),
            t.Expected, t.Received, t.Lost, t.Duplicates, t.Misrouted, t.Unexpected, t.Unobserved, t.Early,
            t.Expected == 0 ? 0 : Math.Round(t.WithinTarget / (double)t.Expected, 6),
            t.LastArrivalTicks is { } last ? Math.Round(TimeSpan.FromTicks(last - firstDueTicks).TotalSeconds, 3) : null,
            LatencySummary.From(lag),
            LatencyBucket.From(lag),
            t.LostSample);
    }

    /// <summary>From the first scheduled event to the last acknowledgement, warm-up included: activation is the whole job.</summary>
    private static ActivationFigures Activation(ReportInputs r)
    {
        var all = r.Events.Where(e => e.Acknowledged).ToArray();
        var seconds = all.Length == 0 ? 0 : TimeSpan.FromTicks(all.Max(e => e.AnsweredTicks) - r.StartTicks).TotalSeconds;
        return new ActivationFigures(r.Events.Count, all.Length, Math.Round(seconds, 3), seconds > 0 ? Math.Round(all.Length / seconds, 1) : 0);
    }

    private static RunSettings Settings(LoadTestOptions o) => new(
        o.Preset.ToString().ToLowerInvariant(),
        o.Targets.Select(t => t.ToString()).ToArray(),
        o.Tenant, o.Customers, o.Staff, o.Consoles, o.Rate,
        o.Duration.TotalSeconds, o.Warmup.TotalSeconds, o.Drain.TotalSeconds,
        o.Mix.ToString(), o.BatchSize, o.Seed, o.MaxInFlight);
}
