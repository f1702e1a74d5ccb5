using HdrHistogram;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>Histograms record microseconds, from 1 µs to one hour at three significant digits.</summary>
public static class LatencyHistograms
{
    public const long HighestMicroseconds = 3_600_000_000;

    public static LongHistogram Create() => new(1, HighestMicroseconds, 3);

    /// <summary>Values past one hour are clamped rather than thrown on: a run that bad still deserves a report.</summary>
    public static long ToMicroseconds(long ticks) => Math.Clamp(ticks / TimeSpan.TicksPerMicrosecond, 1, HighestMicroseconds);

    public static LongHistogram FromTicks(IEnumerable<long> ticks)
    {
        var histogram = Create();
        foreach (var t in ticks) histogram.RecordValue(ToMicroseconds(t));
        return histogram;
    }
}
