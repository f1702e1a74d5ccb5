using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// One customer event as stored in <c>pdg_event_journal</c>: the event at position <paramref name="Sequence"/> of the
/// customer's history. <paramref name="CustomerId"/> names the customer whose history it is (the grain's key), which
/// is what is stored, whatever the event itself says. A <paramref name="History"/> event (a backfill, or one that
/// arrived long after its time) is decided on as history, when first ingested and on every replay: it raises nothing.
/// </summary>
public sealed record JournalRow(string Tenant, string CustomerId, long Sequence, CustomerEvent Event, bool History = false);
