namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// Works out which nudges the measured events should have raised and matches the consoles' arrivals to them by
/// event id. Pure: it sees only what the run recorded, so every counting rule is unit-testable.
/// </summary>
public static class NudgeReconciler
{
    public const int LostSampleSize = 20;

    /// <param name="FormerOwner">Also a right console: the customer was being handed over when the event was sent.</param>
    /// <param name="AfterHandover">Sent after the handover completed, to a customer it moved.</param>
    private sealed record Expectation(string Kind, string Owner, string? FormerOwner, long DueTicks, bool AfterHandover)
    {
        public bool IsOwner(string staffId) =>
            string.Equals(staffId, Owner, StringComparison.Ordinal) || string.Equals(staffId, FormerOwner, StringComparison.Ordinal);
    }

    /// <param name="events">Every event of the run (warm-up included, since it can assign owners), in schedule order.</param>
    /// <param name="provisionedOwners">Owners set by acknowledged provisioning friend.added events.</param>
    /// <param name="staffWithConsoles">Staff members with at least one connected console.</param>
    /// <param name="handover">The run's handover, if it had one: it changes who the right console is for the customers it moved.</param>
    /// <param name="acks">Acks the platform confirmed (the chaos preset records them): a nudge pushed again after its
    /// confirmed Ack is a duplicate even on a new connection.</param>
    public static NudgeReconciliation Reconcile(
        IReadOnlyList<SentEvent> events,
        IReadOnlyDictionary<string, string> provisionedOwners,
        IReadOnlySet<string> staffWithConsoles,
        IReadOnlyList<NudgeArrival> arrivals,
        HandoverWindow? handover = null,
        IReadOnlyList<AckConfirmation>? acks = null)
    {
        var confirmed = (acks ?? []).GroupBy(a => (a.Console, a.NudgeId)).ToDictionary(g => g.Key, g => g.Min(a => a.AtTicks));
        var (expected, unobserved, reordered) = Expect(events, provisionedOwners, staffWithConsoles, handover);
        var measured = events.Where(e => e.Measured).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);

        var firstArrival = new Dictionary<string, long>(StringComparer.Ordinal);
        var consolesSeen = new Dictionary<(string EventId, int Console), Seen>();
        long duplicates = 0, replayedWhileOpen = 0, extraCopies = 0, misrouted = 0, wrongKind = 0, unexpected = 0, outside = 0, misroutedAfterHandover = 0;
        foreach (var a in arrivals)
        {
            if (a.EventId is null || !measured.Contains(a.EventId)) { outside++; continue; }
            if (reordered.Contains(a.EventId)) continue;
            if (!expected.TryGetValue(a.EventId, out var want)) { unexpected++; continue; }
            if (!string.Equals(a.Kind, want.Kind, StringComparison.Ordinal)) { wrongKind++; continue; }
            if (!want.IsOwner(a.ConsoleStaffId))
            {
                misrouted++;
                if (want.AfterHandover) misroutedAfterHandover++;
                continue;
            }
            if (consolesSeen.TryGetValue((a.EventId, a.ConsoleIndex), out var seen))
            {
                if (IsReplayWhileOpen(seen, a, confirmed)) replayedWhileOpen++;
                else duplicates++;
                seen.Connections.Add(a.Connection);
                continue;
            }
            consolesSeen[(a.EventId, a.ConsoleIndex)] = new Seen(a.NudgeId, [a.Connection]);
            if (firstArrival.TryGetValue(a.EventId, out var first))
            {
                extraCopies++;
                if (a.ArrivedTicks < first) firstArrival[a.EventId] = a.ArrivedTicks;
            }
            else
            {
                firstArrival[a.EventId] = a.ArrivedTicks;
            }
        }

        var deliveries = firstArrival
            .Select(kv => new NudgeDelivery(kv.Key, kv.Value, Math.Max(0, kv.Value - expected[kv.Key].DueTicks)))
            .OrderBy(d => d.ArrivedTicks).ToArray();
        var missing = expected.Where(kv => !firstArrival.ContainsKey(kv.Key))
            .OrderBy(kv => kv.Value.DueTicks).Select(kv => kv.Key).ToArray();
        return new NudgeReconciliation
        {
            Expected = expected.Count,
            Received = firstArrival.Count,
            Duplicates = duplicates,
            ReplayedWhileOpen = replayedWhileOpen,
            ExtraCopies = extraCopies,
            Misrouted = misrouted,
            WrongKind = wrongKind,
            Unexpected = unexpected,
            OutsideMeasurement = outside,
            Unobserved = unobserved,
            Reordered = reordered.Count,
            Deliveries = deliveries,
            LostSample = missing.Take(LostSampleSize).ToArray(),
            Missing = missing,
            AfterHandover = handover?.CompletedTicks is null ? null : new HandoverNudges(
                expected.Values.Count(x => x.AfterHandover),
                expected.Count(kv => kv.Value.AfterHandover && firstArrival.ContainsKey(kv.Key)),
                misroutedAfterHandover),
        };
    }

    /// <summary>An event's nudge on one console so far: the id it first came under and the connections it came on.</summary>
    private sealed record Seen(string NudgeId, HashSet<string?> Connections);

    /// <summary>
    /// A repeat of an event's nudge on one console that at-least-once delivery allows: the same nudge id on a connection
    /// that did not have it yet, with no Ack of it confirmed before (the rule of <see cref="Redeliveries"/>).
    /// </summary>
    private static bool IsReplayWhileOpen(Seen seen, NudgeArrival again, IReadOnlyDictionary<(int, string), long> confirmed) =>
        string.Equals(seen.NudgeId, again.NudgeId, StringComparison.Ordinal)
        && !seen.Connections.Contains(again.Connection)
        && !(confirmed.TryGetValue((again.ConsoleIndex, again.NudgeId), out var ackedAt) && ackedAt <= again.ArrivedTicks);

    /// <summary>
    /// Mirrors the server's fold-then-decide order: a friend.added gives an ownerless customer its owner before the
    /// rule runs, so that very event already raises a welcome. The first owner sticks, until a handover: the customers
    /// of its departing staff member belong to the new owner once it has completed, and to either of them before that,
    /// since a nudge still open when its customer moves is pushed to the new owner too. An event that may have been
    /// applied after a later one of its customer is set aside (<see cref="NudgeReconciliation.Reordered"/>).
    /// </summary>
    private static (Dictionary<string, Expectation> Expected, long Unobserved, HashSet<string> Reordered) Expect(
        IReadOnlyList<SentEvent> events, IReadOnlyDictionary<string, string> provisionedOwners, IReadOnlySet<string> staffWithConsoles,
        HandoverWindow? handover)
    {
        var owners = new Dictionary<string, string>(provisionedOwners, StringComparer.Ordinal);
        var expected = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        var reordered = new HashSet<string>(StringComparer.Ordinal);
        var latestSent = LatestSendPerCustomer(events);
        long unobserved = 0;
        foreach (var e in events)
        {
            // Duplicates and ambiguous events did reach the server at some point, so they count for ownership.
            if (e.Acknowledged && e.Type == "friend.added" && e.StaffId is not null) owners.TryAdd(e.CustomerId, e.StaffId);
            if (!e.Measured || e.Outcome != EventOutcome.Accepted || e.Backfill) continue;
            if (NudgeRules.KindFor(e.Type) is not { } kind || !owners.TryGetValue(e.CustomerId, out var owner)) continue;
            if (latestSent.TryGetValue(e.CustomerId, out var sends) && MayFollowLaterEvent(e, sends))
            {
                reordered.Add(e.EventId);
                continue;
            }
            var expectation = handover is { } h && string.Equals(owner, h.From, StringComparison.Ordinal)
                ? e.DueTicks >= h.CompletedTicks
                    ? new Expectation(kind, h.To, null, e.DueTicks, AfterHandover: true)
                    : new Expectation(kind, h.To, h.From, e.DueTicks, AfterHandover: false)
                : new Expectation(kind, owner, null, e.DueTicks, AfterHandover: false);
            if (staffWithConsoles.Contains(expectation.Owner) || expectation.FormerOwner is { } former && staffWithConsoles.Contains(former))
                expected[e.EventId] = expectation;
            else unobserved++;
        }
        return (expected, unobserved, reordered);
    }

    /// <summary>
    /// Per customer, the send times of its events that reached the server (a refused or failed request stored nothing),
    /// in order; events of one batch share theirs, and their <c>at</c>.
    /// </summary>
    private static Dictionary<string, List<long>> LatestSendPerCustomer(IReadOnlyList<SentEvent> events)
    {
        var sends = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!e.Acknowledged) continue;
            if (!sends.TryGetValue(e.CustomerId, out var list)) sends[e.CustomerId] = list = [];
            list.Add(e.DueTicks);
        }
        foreach (var list in sends.Values) list.Sort();
        return sends;
    }

    /// <summary>
    /// A later event of the customer that reached the server (a later send, so a later <c>at</c>) went out before <paramref name="e"/> was answered
    /// (or <paramref name="e"/> never was): the server may have applied it first. Within a batch, order is the batch's.
    /// </summary>
    private static bool MayFollowLaterEvent(SentEvent e, List<long> sends)
    {
        var answered = e.AnsweredTicks == 0 ? long.MaxValue : e.AnsweredTicks;
        var next = sends.BinarySearch(e.DueTicks + 1);
        if (next < 0) next = ~next;
        return next < sends.Count && sends[next] < answered;
    }
}
