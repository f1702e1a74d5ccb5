namespace PrivateDomainGrains.LoadTest.Accounting;

public static class Percentile
{
    /// <summary>Nearest-rank percentile of an ascending list: the smallest value with at least p% of the values at or below it.</summary>
    public static long NearestRank(IReadOnlyList<long> ascending, double percent)
    {
        if (ascending.Count == 0) return 0;
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * ascending.Count);
        return ascending[Math.Clamp(rank - 1, 0, ascending.Count - 1)];
    }
}
