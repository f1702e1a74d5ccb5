namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// The arithmetic that compares a policy with the oracle on the same seed: cumulative regret per week, rolling
/// conversion rates, and when a policy first comes (and stays) within a tolerance of the oracle's rate.
/// </summary>
public static class Regret
{
    /// <summary>Running sum of (oracle - policy) over the weeks: what the policy has given up so far.</summary>
    public static double[] Cumulative(IReadOnlyList<double> oracle, IReadOnlyList<double> policy)
    {
        if (oracle.Count != policy.Count) throw new ArgumentException("both series need the same number of weeks");
        var regret = new double[oracle.Count];
        var sum = 0.0;
        for (var w = 0; w < regret.Length; w++) regret[w] = sum += oracle[w] - policy[w];
        return regret;
    }

    /// <summary>
    /// Per week, numerator over denominator summed over the <paramref name="window"/> weeks ending there (fewer at the
    /// start); 0 where the denominator is 0.
    /// </summary>
    public static double[] RollingRate(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator, int window)
    {
        var rate = new double[numerator.Count];
        for (var w = 0; w < rate.Length; w++)
        {
            double n = 0, d = 0;
            for (var k = Math.Max(0, w - window + 1); k <= w; k++) (n, d) = (n + numerator[k], d + denominator[k]);
            rate[w] = d > 0 ? n / d : 0;
        }
        return rate;
    }

    /// <summary>
    /// The first week from which <paramref name="policyRate"/> is at least (1 - <paramref name="tolerance"/>) times
    /// <paramref name="oracleRate"/> in every remaining week; null if it never settles there.
    /// </summary>
    public static int? WeekWithin(IReadOnlyList<double> policyRate, IReadOnlyList<double> oracleRate, double tolerance)
    {
        int? from = null;
        for (var w = 0; w < policyRate.Count; w++)
        {
            var within = policyRate[w] >= (1 - tolerance) * oracleRate[w];
            if (!within) from = null;
            else from ??= w;
        }
        return from;
    }

    /// <summary>Running sum, e.g. of learning outcomes per week.</summary>
    public static double[] Running(IReadOnlyList<double> perWeek)
    {
        var sum = 0.0;
        return [.. perWeek.Select(x => sum += x)];
    }
}

/// <summary>The median and range of one figure across seeds.</summary>
public readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Spread(double.NaN, double.NaN, double.NaN);
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    public string Format(string format) => $"{Median.ToString(format)} ({Min.ToString(format)}-{Max.ToString(format)})";
}
