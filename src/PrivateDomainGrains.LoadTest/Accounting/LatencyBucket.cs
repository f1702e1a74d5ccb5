using HdrHistogram;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>Counts of latencies up to <see cref="UpperMs"/> (and above the previous bucket), for the report's histogram chart.</summary>
public sealed record LatencyBucket(double UpperMs, long Count)
{
    /// <summary>Doubling buckets from 0.25 ms: latency spans orders of magnitude, so equal-width bars would hide the tail.</summary>
    public static IReadOnlyList<LatencyBucket> From(HistogramBase microseconds)
    {
        if (microseconds.TotalCount == 0) return [];
        var maxMs = microseconds.GetMaxValue() / 1000.0;
        var uppers = new List<double>();
        for (var upper = 0.25; ; upper *= 2)
        {
            uppers.Add(upper);
            if (upper >= maxMs) break;
        }
        var counts = new long[uppers.Count];
        foreach (var v in microseconds.RecordedValues())
        {
            // Each recorded value stands for a small equivalence range; its bottom end is the value as recorded.
            var ms = microseconds.LowestEquivalentValue(v.ValueIteratedTo) / 1000.0;
            var i = uppers.FindIndex(u => ms <= u);
            counts[i < 0 ? counts.Length - 1 : i] += v.CountAtValueIteratedTo;
        }
        return uppers.Select((u, i) => new LatencyBucket(u, counts[i])).ToArray();
    }
}
