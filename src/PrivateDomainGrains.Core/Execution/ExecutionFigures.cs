namespace PrivateDomainGrains.Core.Execution;

/// <summary>
/// The counts behind an execution figure, for any group (a staff member, a team, a rule, a variant, a day): how the
/// nudges raised in the period closed, how fast they were done (a histogram over <see cref="ActBucketBounds"/>), and
/// what came of them. Counts add up across groups (<see cref="Add"/>); figures are worked out from the sums.
/// </summary>
public sealed class ExecutionCounts
{
    /// <summary>Upper bounds, in seconds, of the time-to-done buckets (the last bucket is everything later).</summary>
    public static readonly int[] ActBucketBounds = [60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400, 259200];

    public long Raised { get; set; }
    public long Delivered { get; set; }
    public long Opened { get; set; }
    public long Done { get; set; }
    public long NotUseful { get; set; }
    public long DoneByAction { get; set; }
    public long Expired { get; set; }
    public long Obsolete { get; set; }
    public long Holdout { get; set; }
    /// <summary>Replies and orders credited to nudges acted on.</summary>
    public long Replies { get; set; }
    public long Orders { get; set; }
    /// <summary>Replies and orders within the window after raising, acted on or not (intention to treat).</summary>
    public long IttReplies { get; set; }
    public long IttOrders { get; set; }
    public long[] ActBuckets { get; } = new long[ActBucketBounds.Length + 1];
    /// <summary>Revenue per currency: credited to nudges acted on, and within the window after raising.</summary>
    public Dictionary<string, (decimal Attributed, decimal Itt)> Revenue { get; } = new(StringComparer.Ordinal);

    /// <summary>Nudges staff saw: raised and not held out.</summary>
    public long Shown => Raised - Holdout;

    public void Add(ExecutionCounts other)
    {
        Raised += other.Raised; Delivered += other.Delivered; Opened += other.Opened; Done += other.Done; NotUseful += other.NotUseful;
        DoneByAction += other.DoneByAction; Expired += other.Expired; Obsolete += other.Obsolete; Holdout += other.Holdout;
        Replies += other.Replies; Orders += other.Orders; IttReplies += other.IttReplies; IttOrders += other.IttOrders;
        for (var i = 0; i < ActBuckets.Length; i++) ActBuckets[i] += other.ActBuckets[i];
        foreach (var (currency, (attributed, itt)) in other.Revenue)
        {
            var (a, t) = Revenue.GetValueOrDefault(currency);
            Revenue[currency] = (a + attributed, t + itt);
        }
    }

    /// <summary>Share of the shown nudges that were done, in the console or by the owner's own action; null when none were shown.</summary>
    public double? DoneRate => Ratio(Done + DoneByAction, Shown);
    public double? NotUsefulRate => Ratio(NotUseful, Shown);
    public double? ExpiredRate => Ratio(Expired, Shown);

    /// <summary>The median time from raised to done, in seconds, interpolated within its bucket (null when nothing was done).</summary>
    public double? MedianSecondsToDone => Quantile(0.5);

    /// <summary>The 90th percentile of the time from raised to done, in seconds, interpolated within its bucket.</summary>
    public double? P90SecondsToDone => Quantile(0.9);

    /// <summary>
    /// The <paramref name="q"/> quantile of the time-to-done histogram, linear within the bucket it falls in (the last,
    /// open-ended bucket answers its lower bound). Accurate to its bucket: under a minute, then to within minutes, hours.
    /// </summary>
    public double? Quantile(double q)
    {
        var total = ActBuckets.Sum();
        if (total == 0) return null;
        var rank = q * total;
        double seen = 0;
        for (var i = 0; i < ActBuckets.Length; i++)
        {
            if (ActBuckets[i] == 0) continue;
            if (seen + ActBuckets[i] >= rank)
            {
                double lower = i == 0 ? 0 : ActBucketBounds[i - 1];
                if (i == ActBucketBounds.Length) return lower;
                return lower + (ActBucketBounds[i] - lower) * ((rank - seen) / ActBuckets[i]);
            }
            seen += ActBuckets[i];
        }
        return ActBucketBounds[^1];
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
