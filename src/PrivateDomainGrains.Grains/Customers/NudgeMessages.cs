using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>A stored nudge as the console receives it (the hub's <c>nudges</c> message).</summary>
public static class NudgeMessages
{
    public static Nudge ToNudge(this NudgeRow n) =>
        new(n.NudgeId, n.Tenant, n.CustomerId, n.StaffId, n.Kind, n.Title, n.Text, n.Reason, n.Priority, n.CreatedAt, n.EventId)
        {
            Suggested = n.Suggested,
            Explanation = n.Explanation,
            CustomerName = n.CustomerName,
            Source = n.Source,
            ExpiresAt = n.ExpiresAt,
            SnoozedUntil = n.SnoozedUntil,
        };
}
