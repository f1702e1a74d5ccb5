using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Rules;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Folds one event into a customer profile and decides the nudges it raises. Deterministic: the same profile
/// and event always give the same result, which is what makes journal replay safe.
/// </summary>
public static class CustomerDecisions
{
    public static IReadOnlyList<NudgeDraft> Apply(CustomerProfile customer, CustomerEvent e, long journalSequence)
    {
        Fold(customer, e);
        customer.JournalSequence = Math.Max(customer.JournalSequence, journalSequence);
        var nudges = customer.OwnerStaffId is null ? [] : SpineRules.Decide(customer, e).ToList();
        UpdateNextBestAction(customer, e, nudges);
        return nudges;
    }

    private static void Fold(CustomerProfile c, CustomerEvent e)
    {
        c.RememberEvent(e.Id);
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
        c.Tier = TierOf(c.Counters);
    }

    public static CustomerTier TierOf(CustomerCounters counters) => counters.Orders switch
    {
        0 => CustomerTier.Prospect,
        1 => CustomerTier.FirstPurchase,
        _ => CustomerTier.Repeat,
    };

    /// <summary>The strongest nudge of the latest event becomes the next-best-action; a staff message settles a pending conversation.</summary>
    private static void UpdateNextBestAction(CustomerProfile c, CustomerEvent e, IReadOnlyList<NudgeDraft> nudges)
    {
        if (e.Type == EventTypes.MessageSent && c.NextBestAction?.Kind is NudgeKinds.Reply or NudgeKinds.Welcome)
            c.NextBestAction = null;
        var best = nudges.MaxBy(n => n.Priority);
        if (best is not null)
            c.NextBestAction = new NextBestAction(best.Id, best.Kind, best.Title, best.Text, best.Reason, best.Priority, e.At);
    }

    private static decimal Amount(CustomerEvent e) =>
        e.DataValue("amount") is { } a && EventValidator.TryParseAmount(a, out var amount) ? amount : 0m;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
}
