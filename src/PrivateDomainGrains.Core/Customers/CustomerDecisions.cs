using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Tiers;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Folds one event into a customer profile and decides the nudges it raises. Deterministic: the same profile
/// and event always give the same result, which is what makes journal replay safe.
/// </summary>
public static class CustomerDecisions
{
    /// <summary>The spine behaviour: <see cref="DecisionEngine"/> with the <see cref="DefaultPlaybook"/>, deciding at the event's time.</summary>
    public static IReadOnlyList<NudgeDraft> Apply(CustomerProfile customer, CustomerEvent e, long journalSequence) =>
        DecisionEngine.Decide(DefaultPlaybook.Compiled, customer, EngineInput.FromEvent(e, journalSequence), new DecisionContext(e.At)).Nudges;

    /// <summary>Records the event in the profile's history, counters and timestamps. The tier is the engine's to set.</summary>
    internal static void Fold(CustomerProfile c, CustomerEvent e)
    {
        c.Record(new Interaction(e.Id, e.Type, e.At, e.Channel, e.StaffId, e.Text));
        c.FirstSeenAt ??= e.At;
        c.LastInteractionAt = Max(c.LastInteractionAt, e.At);
        c.Counters.Events++;
        if (e.DataValue("nickname") is { Length: > 0 } nickname) c.DisplayName = nickname;

        switch (e.Type)
        {
            case EventTypes.FriendAdded:
                c.Status = CustomerStatus.Active;
                c.OwnerStaffId ??= e.StaffId;
                break;
            case EventTypes.FriendDeleted:
                c.Status = CustomerStatus.Lost;
                break;
            case EventTypes.MessageReceived:
                c.Counters.MessagesReceived++;
                c.LastInboundAt = Max(c.LastInboundAt, e.At);
                break;
            case EventTypes.MessageSent:
                c.Counters.MessagesSent++;
                c.LastContactAt = Max(c.LastContactAt, e.At);
                break;
            case EventTypes.MomentLiked:
                c.Counters.MomentLikes++;
                break;
            case EventTypes.MomentCommented:
                c.Counters.MomentComments++;
                break;
            case EventTypes.PageViewed:
                c.Counters.PageViews++;
                break;
            case EventTypes.OrderPaid:
                c.Counters.Orders++;
                c.Counters.Spend += Amount(e);
                c.Counters.Currency ??= e.DataValue("currency");
                c.LastOrderAt = Max(c.LastOrderAt, e.At);
                break;
            case EventTypes.OrderRefunded:
                c.Counters.Refunds++;
                c.Counters.Spend -= Amount(e);
                break;
        }
    }

    /// <summary>The default tiering (no super-user or dormancy thresholds) of a customer with these counters.</summary>
    public static CustomerTier TierOf(CustomerCounters counters) =>
        TierPolicy.Default.TierOf(new CustomerValue(null, null, counters.Orders, counters.Spend, 0));

    private static decimal Amount(CustomerEvent e) =>
        e.DataValue("amount") is { } a && EventValidator.TryParseAmount(a, out var amount) ? amount : 0m;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
}
