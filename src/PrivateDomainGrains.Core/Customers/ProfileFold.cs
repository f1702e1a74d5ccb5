using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Folds one event into a customer profile: history, counters, timestamps, relationships and status. Deterministic,
/// which is what makes journal replay safe, and by event time rather than arrival: history is kept in event-time
/// order, first and last times are minimums and maximums, the nickname is the latest by event time, relationships
/// follow <see cref="RelationshipFold"/>. The engine calls it first on every event; owner, tiers, tags and nudges are its.
/// </summary>
internal static class ProfileFold
{
    /// <summary>Records the event in the profile's history, counters and timestamps. The tier is the engine's to set.</summary>
    public static void Fold(CustomerProfile c, CustomerEvent e)
    {
        c.Record(new Interaction(e.Id, e.Type, e.At, e.Channel, e.StaffId, e.Text));
        c.FirstSeenAt = c.FirstSeenAt is { } first && first <= e.At ? first : e.At;
        c.LastInteractionAt = Max(c.LastInteractionAt, e.At);
        c.Counters.Events++;
        if (e.DataValue("nickname") is { Length: > 0 } nickname && (c.DisplayNameAt is not { } nameAt || e.At >= nameAt))
            (c.DisplayName, c.DisplayNameAt) = (nickname, e.At);

        switch (e.Type)
        {
            case EventTypes.FriendAdded:
                RelationshipFold.Added(c, e.StaffId, e.At, e.Channel);
                break;
            case EventTypes.FriendDeleted:
                RelationshipFold.Deleted(c, e.StaffId, e.At);
                break;
            case EventTypes.MessageReceived:
                c.Counters.MessagesReceived++;
                c.LastInboundAt = Max(c.LastInboundAt, e.At);
                break;
            case EventTypes.MessageSent:
                c.Counters.MessagesSent++;
                c.LastContactAt = Max(c.LastContactAt, e.At);
                c.Engine.NoteSent(e.StaffId, e.At);
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
                AddSpend(c.Counters, e.DataValue("currency"), Amount(e));
                c.LastOrderAt = Max(c.LastOrderAt, e.At);
                break;
            case EventTypes.OrderRefunded:
                c.Counters.Refunds++;
                AddSpend(c.Counters, e.DataValue("currency"), -Amount(e));
                break;
        }
    }

    /// <summary>
    /// Adds an amount to the customer's total in its currency: the customer's own (the first one named; an amount that
    /// names none is taken to be in it) or one of the others, kept apart, since no rate between them is known here.
    /// </summary>
    private static void AddSpend(CustomerCounters counters, string? currency, decimal amount)
    {
        counters.Currency ??= currency;
        if (currency is null || currency == counters.Currency)
        {
            counters.Spend = Add(counters.Spend, amount);
            return;
        }
        var others = counters.OtherSpend ??= new(StringComparer.Ordinal);
        others[currency] = Add(others.GetValueOrDefault(currency), amount);
    }

    /// <summary>
    /// Amounts are bounded at the edge (<see cref="EventValidator.MaxAmount"/>), so this saturates only for a journal
    /// written before that bound: a total is never worth failing a customer's every decision over.
    /// </summary>
    private static decimal Add(decimal total, decimal amount)
    {
        try
        {
            return total + amount;
        }
        catch (OverflowException)
        {
            return amount > 0 ? decimal.MaxValue : decimal.MinValue;
        }
    }

    private static decimal Amount(CustomerEvent e) =>
        e.DataValue("amount") is { } a && EventValidator.TryParseAmount(a, out var amount) ? amount : 0m;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
}
