using System.Globalization;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Computes <see cref="ChaosFigures"/> from what a chaos run recorded and what the platform stored. Pure.</summary>
public static class ChaosReportBuilder
{
    public static ChaosFigures Build(ReportInputs r, ChaosInputs c, NudgeLedgerResult nudges, IReadOnlyList<RequestAttempt> requests)
    {
        double At(long ticks) => Math.Round(TimeSpan.FromTicks(ticks - r.StartTicks).TotalSeconds, 3);
        var owners = r.Provisioning?.Owners ?? new Dictionary<string, string>();
        var provisioned = owners.Keys.Select(customer => (EventGenerator.ProvisioningEventId(customer), EventOutcome.Accepted));
        var ledger = EventLedger.Check(provisioned.Concat(r.Events.Select(e => (e.EventId, e.Outcome))), c.Journal);
        var redeliveries = Redeliveries.Classify(r.Arrivals, c.Acks);
        var measureFrom = r.StartTicks + r.Schedule.MeasureFrom.Ticks;
        var silence = ConsoleSilence.Analyse(c.Sessions, r.Arrivals, c.Nudges, measureFrom, c.EndTicks);
        var faults = FaultRecovery.Summarise(c.Faults, c.Sessions, r.Arrivals, c.Nudges, requests, r.Events, c.EndTicks)
            .Select(f => Fault(f, At)).ToArray();
        var a = nudges.Arrivals;
        var nudgeFigures = new ChaosNudgeFigures(a.Expected, a.Received, nudges.HeldOpen, nudges.Lost, nudges.LostWithoutRow, nudges.LostClosedUnseen,
            redeliveries.Duplicated, redeliveries.SameConnection, redeliveries.AfterAckConfirmed, redeliveries.ReplayedWhileOpen,
            a.Misrouted, a.WrongKind, a.Unexpected, nudges.LostSample, nudges.HeldSample,
            redeliveries.DuplicateSample.Select(d => new DuplicateFigure(d.NudgeId, d.Console, d.FirstConnection, At(d.FirstTicks), d.AgainConnection, At(d.AgainTicks))).ToArray());
        var silenceFigures = new SilenceFigures(silence.Owed, silence.NotWhileConnected, silence.Waits, silence.WaitsOver2Seconds, silence.WaitsOver10Seconds,
            silence.LongestWait is { } w ? new WaitFigure(w.Console, w.Staff, w.Node, w.NudgeId, At(w.CreatedTicks), Seconds(w.WaitTicks), w.Arrived) : null,
            silence.LongestGap is { } g ? new GapFigure(g.Console, g.Staff, g.Node, At(g.FromTicks), Seconds(g.Ticks)) : null);
        return new ChaosFigures(
            c.Nodes,
            Schedule(c.Options),
            ledger,
            nudgeFigures,
            silenceFigures,
            faults,
            Targets(ledger, nudgeFigures, faults, requests));
    }

    private static string Schedule(ChaosOptions o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", o.Faults.Select(ChaosOptions.Name))} in turn, every {o.FaultEvery.TotalSeconds:0.#} s from {o.FirstFaultAt.TotalSeconds:0.#} s into the measured period; down {o.DownFor.TotalSeconds:0.#} s each");

    private static FaultFigures Fault(FaultSummary f, Func<long, double> at)
    {
        var x = f.Fault;
        return new FaultFigures(x.Number, ChaosOptions.Name(x.Kind), x.Node ?? "PostgreSQL", at(x.AtTicks),
            x.DownTicks is { } d ? Seconds(d - x.AtTicks) : null, x.UpTicks is { } u ? Seconds(u - x.AtTicks) : null, x.Error,
            Seconds(f.WindowTicks), Group(f.Surviving), Group(f.LostNode), f.ConsolesDisconnected, f.HttpFailures,
            Seconds(f.FirstFailureAfterTicks), Seconds(f.LastFailureAfterTicks), f.EventsDue, f.EventsUnacknowledged, Seconds(f.MaxAckTicks));
    }

    private static GroupFigures Group(GroupRecovery g) => new(g.Consoles, g.WithNudges, g.NotResumed, Seconds(g.MaxSilenceTicks),
        Seconds(g.MedianSilenceTicks), g.OverTarget, Seconds(g.TargetTicks), g.Dropped, g.NotReconnected, Seconds(g.MaxReconnectTicks));

    private static IReadOnlyList<TargetCheck> Targets(EventLedgerResult ledger, ChaosNudgeFigures nudges, IReadOnlyList<FaultFigures> faults,
        IReadOnlyList<RequestAttempt> requests)
    {
        var nodeLosses = faults.Where(f => f.Kind is "kill" or "stop").ToArray();
        TargetCheck Silence(string who, Func<FaultFigures, GroupFigures> group, TimeSpan target)
        {
            var groups = nodeLosses.Select(group).Where(g => g.WithNudges > 0).ToArray();
            var max = groups.Select(g => g.MaxSilenceSeconds ?? 0).DefaultIfEmpty(0).Max();
            var notResumed = groups.Sum(g => g.NotResumed);
            var measured = groups.Length == 0 ? "no node loss with nudges owed"
                : string.Create(CultureInfo.InvariantCulture, $"max {max:0.0} s{(notResumed > 0 ? $", {notResumed} not resumed in the window" : "")}");
            return new TargetCheck($"{who} silent after a node loss", $"<= {target.TotalSeconds:0} s", measured,
                groups.Length > 0 && groups.All(g => g.OverTarget == 0), Timed: true);
        }
        var status500 = requests.LongCount(q => q.Status == 500);
        return
        [
            new("acknowledged events lost", "0", N(ledger.AcknowledgedLost), ledger.AcknowledgedLost == 0),
            new("nudges lost (neither pushed nor open in pdg_nudges)", "0", N(nudges.Lost), nudges.Lost == 0),
            new("nudges pushed twice to one console", "0", N(nudges.Duplicated), nudges.Duplicated == 0),
            new("nudges misrouted", "0", N(nudges.Misrouted), nudges.Misrouted == 0),
            Silence("consoles on surviving nodes", f => f.Surviving, FaultRecovery.SurvivingTarget),
            Silence("consoles on the lost node", f => f.LostNode, FaultRecovery.LostNodeTarget),
            new("HTTP 500 answers", "0", N(status500), status500 == 0),
        ];
    }

    private static string N(long n) => Units.N(n);

    private static double Seconds(long ticks) => Math.Round(TimeSpan.FromTicks(ticks).TotalSeconds, 3);

    private static double? Seconds(long? ticks) => ticks is { } t ? Seconds(t) : null;
}
