namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// The hidden truth about one kind of customer, which no policy but the oracle sees: how often they browse, chat, like
/// and buy on their own (per week, before the customer's own activity level), when they read (local hours of their
/// reading peaks), how many proactive touches a week they tolerate before tiring, their usual order value (CNY), and how
/// they respond to each proactive nudge the staff act on (<see cref="Responses"/>, keyed by the nudge's source: a rule id
/// or <c>sequence/step</c>).
/// </summary>
public sealed record Segment
{
    public required string Name { get; init; }
    /// <summary>Share of the population, 0 to 1.</summary>
    public required double Share { get; init; }
    public required int[] PeakHours { get; init; }
    public required double PageViewsPerWeek { get; init; }
    public required double MessagesPerWeek { get; init; }
    public required double LikesPerWeek { get; init; }
    public required double OrdersPerWeek { get; init; }
    /// <summary>Proactive touches in 7 days beyond which each further one risks the friendship much more.</summary>
    public required int Tolerance { get; init; }
    /// <summary>Median order value, CNY.</summary>
    public required double OrderValue { get; init; }
    public required IReadOnlyDictionary<string, ActionResponse> Responses { get; init; }

    /// <summary>The response to a source the segment has no entry for (reactive nudges: welcome, reply, alert).</summary>
    public ActionResponse ResponseTo(string source) => Responses.GetValueOrDefault(source);

    /// <summary>How well the source suits this segment: its order chance over the best source's, 0 to 1.</summary>
    public double Fit(string source)
    {
        var best = 0.0;
        foreach (var r in Responses.Values) best = Math.Max(best, r.Order);
        return best <= 0 ? 0 : ResponseTo(source).Order / best;
    }
}

/// <summary>
/// The chance that a customer who got this nudge's message (the owner acted on it) orders and replies because of it,
/// at one of their reading peaks and not tired of contact; <see cref="ValueFactor"/> scales their usual order value
/// (a coupon order is smaller, a multi-visit card is a fixed price: see <see cref="FixedValue"/>).
/// </summary>
public readonly record struct ActionResponse(double Order, double Reply, double ValueFactor = 1, double FixedValue = 0)
{
    /// <summary>The mean value (CNY) of an order this nudge causes for a customer whose usual order is <paramref name="usual"/>.</summary>
    public double OrderValue(double usual) => FixedValue > 0 ? FixedValue : usual * ValueFactor;
}
