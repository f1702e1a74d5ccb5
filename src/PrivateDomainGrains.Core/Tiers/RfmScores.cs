namespace PrivateDomainGrains.Core.Tiers;

/// <summary>
/// Recency, frequency and monetary scores of a customer, each 1 (lowest) to 5 (highest), 0 for a customer who never
/// ordered. Fixed bands rather than quintiles of the tenant's population, so a score needs no other customer and a
/// segment "R ≥ 4" means the same thing every day: recency by days since the last order (≤ 30, 90, 180, 365, older),
/// frequency by orders (≥ 10, 5, 3, 2, 1), monetary by lifetime value in the customer's own currency, in major units
/// (≥ 10,000, 3,000, 1,000, 300, more than 0; a customer whose refunds ate every payment scores 1).
/// </summary>
public readonly record struct RfmScores(int Recency, int Frequency, int Monetary)
{
    /// <summary>The most days since the last order for recency 5, 4, 3 and 2 (index 0 is score 5); older is 1.</summary>
    public static readonly int[] RecencyDays = [30, 90, 180, 365];

    /// <summary>The fewest orders for frequency 5, 4, 3, 2 and 1.</summary>
    public static readonly int[] FrequencyOrders = [10, 5, 3, 2, 1];

    /// <summary>The least lifetime value for monetary 5, 4, 3 and 2; any order at all is 1.</summary>
    public static readonly decimal[] MonetaryValues = [10_000m, 3_000m, 1_000m, 300m];

    public static RfmScores Of(CustomerValue v) => v.Frequency <= 0
        ? new(0, 0, 0)
        : new(RecencyOf(v.DaysSinceOrder), FrequencyOf(v.Frequency), MonetaryOf(v.Monetary));

    /// <summary>
    /// The scores as of <paramref name="now"/> from what the customer directory stores: paid orders, the last one's time
    /// (recency is worked out at the moment of asking, so a stored row never goes stale) and the monetary score.
    /// </summary>
    public static RfmScores At(DateTimeOffset now, int orders, DateTimeOffset? lastOrderAt, int monetaryScore) =>
        new(RecencyOf(lastOrderAt is { } at ? Math.Max(0, (now - at).TotalDays) : null), FrequencyOf(orders), monetaryScore);

    /// <summary>Recency score of a customer who ordered <paramref name="days"/> ago (0 when never).</summary>
    public static int RecencyOf(double? days)
    {
        if (days is not { } d) return 0;
        for (var i = 0; i < RecencyDays.Length; i++) if (d <= RecencyDays[i]) return 5 - i;
        return 1;
    }

    /// <summary>Frequency score of <paramref name="orders"/> paid orders.</summary>
    public static int FrequencyOf(int orders)
    {
        for (var i = 0; i < FrequencyOrders.Length; i++) if (orders >= FrequencyOrders[i]) return 5 - i;
        return 0;
    }

    /// <summary>Monetary score of a lifetime value (of a customer with at least one order).</summary>
    public static int MonetaryOf(decimal value)
    {
        for (var i = 0; i < MonetaryValues.Length; i++) if (value >= MonetaryValues[i]) return 5 - i;
        return 1;
    }
}
