using HdrHistogram;
using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>
/// Latencies of the last second for the progress line. Recorder is HdrHistogram's lock-free writer with
/// interval snapshots; the report does not use it but recomputes from the recorded events.
/// </summary>
public sealed class LiveLatency
{
    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(LatencyHistograms.HighestMicroseconds).WithPrecisionOf(3)
        .WithThreadSafeWrites().WithThreadSafeReads().Create();

    public void Record(long ticks, int count = 1) => _recorder.RecordValueWithCount(LatencyHistograms.ToMicroseconds(ticks), count);

    /// <summary>Returns the latencies recorded since the previous call and starts a new interval.</summary>
    public LatencySummary TakeInterval() => LatencySummary.From(_recorder.GetIntervalHistogram());
}
