using PrivateDomainGrains.Core.Customers;

namespace PrivateDomainGrains.Core.Tiers;

/// <summary>
/// Recency / frequency / monetary and lifetime value of a customer at a moment. Derived in O(1) from the counters
/// and timestamps the fold maintains incrementally on every event, so it is never stale and never stored twice.
/// </summary>
public readonly record struct CustomerValue(
    double? DaysSinceOrder,
    double? DaysSinceInteraction,
    int Frequency,
    decimal Monetary,
    decimal AverageOrderValue)
{
    /// <summary>Lifetime value so far: paid minus refunded.</summary>
    public decimal LifetimeValue => Monetary;

    public static CustomerValue Of(CustomerProfile c, DateTimeOffset now) => new(
        DaysSince(c.LastOrderAt, now),
        DaysSince(c.LastInteractionAt, now),
        c.Counters.Orders,
        c.Counters.Spend,
        c.Counters.Orders == 0 ? 0 : c.Counters.Spend / c.Counters.Orders);

    private static double? DaysSince(DateTimeOffset? at, DateTimeOffset now) =>
        at is null ? null : Math.Max(0, (now - at.Value).TotalDays);
}
