using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Time;
using PrivateDomainGrains.Grains.TenantInputs;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// Which events of one ingest call a customer takes, and what became of each (<see cref="IngestResult"/>). An id the
/// customer already has is a duplicate when it is the same event and a conflict otherwise, whether it was seen in this
/// call, among the customer's recent interactions or in the journal: the journal refuses a commit whole when it already
/// holds one of its ids, and the events it did not hold are offered again.
/// </summary>
internal sealed class CustomerIngest(EventJournal journal, string tenant, string customerId, CustomerEvent[] events, bool backfill)
{
    private readonly IngestResult _outcome = new(events.Length);
    /// <summary>The indexes of the events to offer next: all of them, then those a refused commit did not hold.</summary>
    private IEnumerable<int> _take = Enumerable.Range(0, events.Length);

    /// <summary>
    /// The events still to take that this customer does not already have, as journal rows numbered from
    /// <paramref name="nextSequence"/> on: an id seen before (in this call or among the recent interactions) is a
    /// duplicate when it is the same event, a conflict otherwise. An event older than the playbook's <c>backfillAfter</c>
    /// on arrival is history, as is every event of a backfill.
    /// </summary>
    public List<(int Index, JournalRow Row)> Offer(CustomerProfile profile, TenantDecisionInputs inputs, ref long nextSequence)
    {
        var arrived = DateTimeOffset.UtcNow;
        var offered = new List<(int Index, JournalRow Row)>(events.Length);
        // Most calls carry one event: ids repeated within a call are looked for only when there can be any.
        var inThisCall = events.Length > 1 ? new Dictionary<string, CustomerEvent>(StringComparer.Ordinal) : null;
        foreach (var i in _take)
        {
            var e = events[i];
            if (inThisCall is not null && !inThisCall.TryAdd(e.Id, e))
            {
                var first = inThisCall[e.Id];
                if (!SameEvent(first.Type, first.At, e)) _outcome.Conflict(i, "the same id is used twice in this request for different events");
                continue;
            }
            if (profile.RecentInteraction(e.Id) is { } seen)
            {
                if (!SameEvent(seen.Type, seen.At, e)) _outcome.Conflict(i, EventPhrases.IdUsedHere.Say(seen.Type, seen.At));
                continue;
            }
            var history = backfill || Instants.Plus(e.At, inputs.Playbook.Contact.BackfillAfter) < arrived;
            offered.Add((i, new JournalRow(tenant, customerId, nextSequence++, e, history)));
        }
        return offered;
    }

    /// <summary>The offered events committed.</summary>
    public void Accepted(List<(int Index, JournalRow Row)> offered)
    {
        foreach (var (index, _) in offered) _outcome.Accept(index);
    }

    /// <summary>
    /// What the journal holds under the refused ids: this customer's same event (a duplicate), or another event (a
    /// conflict: event ids are unique per tenant). The other offered events are taken again at the next offer.
    /// </summary>
    public async Task ClassifyRefusedAsync(List<(int Index, JournalRow Row)> offered, IReadOnlySet<string> refused)
    {
        var held = (await journal.FindAsync(tenant, refused)).ToDictionary(r => r.Event.Id, StringComparer.Ordinal);
        var again = new List<int>(offered.Count);
        foreach (var (index, row) in offered)
        {
            if (!held.TryGetValue(row.Event.Id, out var existing)) again.Add(index);
            else if (existing.CustomerId != customerId)
                _outcome.Conflict(index, EventPhrases.IdUsedElsewhere.Say(existing.CustomerId));
            else if (!SameEvent(existing.Event.Type, existing.Event.At, row.Event))
                _outcome.Conflict(index, EventPhrases.IdUsedHere.Say(existing.Event.Type, existing.Event.At));
        }
        _take = again;
    }

    /// <summary>Refuses every event of the call, for <paramref name="why"/>.</summary>
    public void RefuseAll(string why)
    {
        for (var i = 0; i < events.Length; i++) _outcome.Conflict(i, why);
    }

    /// <summary>What became of each event, and the customer's owner after them (null: none, or not asked).</summary>
    public IngestOutcome ToOutcome(string? owner) => _outcome.ToOutcome(owner);

    /// <summary>
    /// An event under a known id is the same event when the types agree and so do the times, to the microsecond PostgreSQL
    /// keeps (a retry may differ in wording); an event sent without a time was stamped on arrival, so its type decides.
    /// </summary>
    private static bool SameEvent(string type, DateTimeOffset at, CustomerEvent e) =>
        type == e.Type && (e.AtOnArrival || Microseconds(at) == Microseconds(e.At));

    private static long Microseconds(DateTimeOffset at) => at.UtcTicks / 10;
}
