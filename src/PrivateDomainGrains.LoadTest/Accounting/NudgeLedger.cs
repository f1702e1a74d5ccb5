namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// Nudge accounting of a run with faults, from what the platform stored rather than from what it answered. A retried
/// batch's events come back as duplicates even when this run stored them, so acknowledgements cannot say which events
/// raised a nudge now; the journal can: every measured event in <c>pdg_event_journal</c> was stored by this run (event
/// ids are the run's own) and so raised its nudge. Those expectations go through <see cref="NudgeReconciler"/>
/// (matching by event id, owner, kind, console); each expected nudge no console of its owner received is then looked up
/// in the inbox (<c>pdg_nudges</c>): still open there, the owner will see it on the next reconnect (held, not pushed);
/// otherwise it is lost. Pure.
/// </summary>
public static class NudgeLedger
{
    public static NudgeLedgerResult Reconcile(
        IReadOnlyList<SentEvent> events,
        IReadOnlySet<string> journal,
        IReadOnlyDictionary<string, string> provisionedOwners,
        IReadOnlySet<string> staffWithConsoles,
        IReadOnlyList<NudgeArrival> arrivals,
        IReadOnlyList<StoredNudge> stored,
        IReadOnlyList<AckConfirmation>? acks = null)
    {
        var asStored = events
            .Select(e => e.Outcome == EventOutcome.Rejected ? e : e with { Outcome = journal.Contains(e.EventId) ? EventOutcome.Accepted : EventOutcome.Failed })
            .ToArray();
        var reconciliation = NudgeReconciler.Reconcile(asStored, provisionedOwners, staffWithConsoles, arrivals, acks: acks);
        var rows = stored.Where(n => n.EventId is not null).ToLookup(n => n.EventId!, StringComparer.Ordinal);
        var open = new List<string>();
        var withoutRow = new List<string>();
        var closed = new List<string>();
        foreach (var eventId in reconciliation.Missing)
        {
            var row = rows[eventId];
            if (row.Any(n => n.Open)) open.Add(eventId);
            else if (row.Any()) closed.Add(eventId);
            else withoutRow.Add(eventId);
        }
        return new NudgeLedgerResult(reconciliation, open.Count, withoutRow.Count, closed.Count,
            withoutRow.Concat(closed).Take(NudgeReconciler.LostSampleSize).ToArray(), open.Take(NudgeReconciler.LostSampleSize).ToArray());
    }
}

/// <param name="Arrivals">Expected (from the journal) against received, duplicated, misrouted, as <see cref="NudgeReconciler"/> counts them.</param>
/// <param name="HeldOpen">Expected, not received by any console of the owner, but open in the inbox: held, never pushed live.</param>
/// <param name="LostWithoutRow">Expected, not received, and no inbox row for its event: never raised or never stored.</param>
/// <param name="LostClosedUnseen">Expected, not received, and its inbox row is closed: acknowledged without reaching the owner's console.</param>
public sealed record NudgeLedgerResult(
    NudgeReconciliation Arrivals,
    long HeldOpen,
    long LostWithoutRow,
    long LostClosedUnseen,
    IReadOnlyList<string> LostSample,
    IReadOnlyList<string> HeldSample)
{
    /// <summary>Neither pushed to the owner's console nor open in the inbox.</summary>
    public long Lost => LostWithoutRow + LostClosedUnseen;
}
