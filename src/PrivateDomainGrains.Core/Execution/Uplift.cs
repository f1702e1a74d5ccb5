namespace PrivateDomainGrains.Core.Execution;

/// <summary>
/// How much a variant's conversion rate exceeds the holdout's, with a 95% interval: the difference of two proportions
/// by Newcombe's hybrid score method (method 10 of Newcombe 1998, "Interval estimation for the difference between
/// independent proportions"), built from each arm's Wilson score interval. Unlike the plain Wald interval it stays
/// within [-1, 1] and behaves with small counts and rates near 0, which is what conversion rates are.
/// </summary>
public static class Uplift
{
    private const double Z95 = 1.959963984540054;

    /// <summary>The Wilson score interval of <paramref name="successes"/> out of <paramref name="trials"/> at 95%.</summary>
    public static (double Low, double High) Wilson(long successes, long trials)
    {
        if (trials == 0) return (0, 1);
        double n = trials, p = successes / n, z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// The difference p1 - p2 of a treated arm (<paramref name="successes1"/> of <paramref name="trials1"/>) over the
    /// holdout (<paramref name="successes2"/> of <paramref name="trials2"/>), with its 95% interval; null when an arm is empty.
    /// </summary>
    public static (double Difference, double Low, double High)? Of(long successes1, long trials1, long successes2, long trials2)
    {
        if (trials1 == 0 || trials2 == 0) return null;
        double p1 = (double)successes1 / trials1, p2 = (double)successes2 / trials2;
        var (l1, u1) = Wilson(successes1, trials1);
        var (l2, u2) = Wilson(successes2, trials2);
        var d = p1 - p2;
        var low = d - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
        var high = d + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
        return (d, Math.Max(-1, low), Math.Min(1, high));
    }
}
