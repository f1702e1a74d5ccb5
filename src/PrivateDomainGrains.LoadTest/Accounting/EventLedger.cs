namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// The run's events against the platform's journal (<c>pdg_event_journal</c>) at the end: an event the platform
/// acknowledged (a 200 that counted it accepted or duplicate) must be there, whatever happened to the nodes and the
/// database afterwards. Pure.
/// </summary>
public static class EventLedger
{
    /// <param name="sent">Every event id the tool sent (provisioning included) with its final outcome.</param>
    /// <param name="journal">Every event id of the tenant in the journal.</param>
    public static EventLedgerResult Check(IEnumerable<(string EventId, EventOutcome Outcome)> sent, IReadOnlySet<string> journal)
    {
        long total = 0, acknowledged = 0, unacknowledged = 0, unacknowledgedStored = 0, rejected = 0, rejectedStored = 0;
        var lost = new List<string>();
        foreach (var (id, outcome) in sent)
        {
            total++;
            var stored = journal.Contains(id);
            switch (outcome)
            {
                case EventOutcome.Accepted or EventOutcome.Duplicate or EventOutcome.Ambiguous:
                    acknowledged++;
                    if (!stored) lost.Add(id);
                    break;
                case EventOutcome.Rejected:
                    rejected++;
                    if (stored) rejectedStored++;
                    break;
                default:
                    unacknowledged++;
                    if (stored) unacknowledgedStored++;
                    break;
            }
        }
        return new EventLedgerResult(total, acknowledged, lost.Count, lost.Take(NudgeReconciler.LostSampleSize).ToArray(),
            unacknowledged, unacknowledgedStored, rejected, rejectedStored);
    }
}

/// <param name="Sent">Event ids checked.</param>
/// <param name="Acknowledged">Answered 200 as accepted or duplicate (after retries).</param>
/// <param name="AcknowledgedLost">Acknowledged but not in the journal: the one number that must be 0.</param>
/// <param name="Unacknowledged">Never answered 200 (the tool gave up retrying, or the run stopped): the platform owes nothing for them.</param>
/// <param name="UnacknowledgedStored">Of those, in the journal anyway (stored, but the answer was lost).</param>
/// <param name="Rejected">Refused by validation (4xx per event).</param>
/// <param name="RejectedStored">Refused but in the journal: validation said no and storage said yes.</param>
public sealed record EventLedgerResult(
    long Sent,
    long Acknowledged,
    long AcknowledgedLost,
    IReadOnlyList<string> LostSample,
    long Unacknowledged,
    long UnacknowledgedStored,
    long Rejected,
    long RejectedStored);
