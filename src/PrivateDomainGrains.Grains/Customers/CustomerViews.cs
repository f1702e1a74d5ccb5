using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Tiers;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>Projects the core's profile onto the wire contract.</summary>
internal static class CustomerViews
{
    /// <summary>The customer as the API shows it; the RFM scores as of <paramref name="now"/>.</summary>
    public static CustomerView ToView(this CustomerProfile p, DateTimeOffset now) => new(
        p.CustomerId, p.DisplayName, p.OwnerStaffId, p.Status.ToString(), p.Tier.ToString(), p.Tags.ToArray(),
        new CustomerCountersView(p.Counters.MessagesReceived, p.Counters.MessagesSent, p.Counters.MomentLikes,
            p.Counters.MomentComments, p.Counters.PageViews, p.Counters.Orders, p.Counters.Refunds, p.Counters.Spend,
            p.Counters.Currency, p.Counters.Events),
        p.NextBestAction is { } nba ? new NextBestActionView(nba.NudgeId, nba.Kind, nba.Title, nba.Text, nba.Reason, nba.Priority, nba.At, nba.Why) : null,
        p.RecentInteractions.AsEnumerable().Reverse().Select(i => new InteractionView(i.EventId, i.Type, i.At, i.Channel, i.StaffId, i.Text)).ToArray(),
        p.FirstSeenAt, p.LastInteractionAt)
    {
        OwnerBasis = p.OwnerStaffId is null ? null : p.OwnerBasis.ToString().ToLowerInvariant(),
        // The empty id stands for events that named no staff member: not a relationship anyone can act on.
        Relationships = [.. (p.Relationships ?? []).Where(r => r.StaffId.Length > 0)
            .Select(r => new RelationshipView(r.StaffId, r.Since, p.IsActive(r), r.ChangedAt, r.Channel))],
        Fields = p.Engine.Fields is { } fields ? new Dictionary<string, string>(fields, StringComparer.Ordinal) : [],
        Rfm = RfmOf(p, now),
        LifetimeValue = [.. p.Counters.SpendByCurrency().Select(s => new MoneyView(s.Key, s.Value))],
    };

    private static RfmView RfmOf(CustomerProfile p, DateTimeOffset now)
    {
        var (recency, frequency, monetary) = RfmScores.Of(CustomerValue.Of(p, now));
        return new RfmView(recency, frequency, monetary);
    }
}
