using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>Conversions between the wire, the journal and the core's event model.</summary>
public static class JournalMapping
{
    public static JournalRow ToRow(this EventEnvelope e, string tenant, long sequence) =>
        new(tenant, e.CustomerId, sequence, e.Id, e.Type, e.At, e.Channel, e.StaffId, e.Text, e.Data);

    public static CustomerEvent ToEvent(this JournalRow r) =>
        new(r.EventId, r.CustomerId, r.Type, r.OccurredAt, r.Channel, r.StaffId, r.Text, r.Data);

    public static Nudge ToNudge(this NudgeRow n) =>
        new(n.NudgeId, n.Tenant, n.CustomerId, n.StaffId, n.Kind, n.Title, n.Text, n.Reason, n.Priority, n.CreatedAt, n.EventId)
        {
            Suggested = n.Suggested,
            Explanation = n.Explanation,
        };
}
