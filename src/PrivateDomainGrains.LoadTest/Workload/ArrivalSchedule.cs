using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>
/// The open-loop arrival plan: event n is due at the time the cumulative offered count reaches n, whatever
/// happened to earlier events. Pure, so a run's schedule can be checked without a server.
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly RateSegment[] _segments;
    private readonly double[] _cumulativeAtStart;

    public ArrivalSchedule(IReadOnlyList<RateSegment> segments, TimeSpan measureFrom, long? eventLimit = null)
    {
        if (segments.Count == 0) throw new ArgumentException("a schedule needs at least one segment", nameof(segments));
        _segments = segments.ToArray();
        _cumulativeAtStart = new double[_segments.Length];
        var cumulative = 0.0;
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            if (s.Rate <= 0 || s.End <= s.Start) throw new ArgumentException($"segment {i} must have a positive rate and length");
            if (i > 0 && s.Start != _segments[i - 1].End) throw new ArgumentException($"segment {i} must start where segment {i - 1} ends");
            _cumulativeAtStart[i] = cumulative;
            cumulative += (s.End - s.Start).TotalSeconds * s.Rate;
        }
        // The small tolerance keeps 60 s x 500/s at exactly 30,000 events despite floating point.
        var planned = (long)Math.Ceiling(cumulative - 1e-6);
        TotalEvents = eventLimit is { } limit ? Math.Min(limit, planned) : planned;
        MeasureFrom = measureFrom;
    }

    public long TotalEvents { get; }

    /// <summary>Batches due before this are warm-up: sent, but left out of every measurement.</summary>
    public TimeSpan MeasureFrom { get; }

    public TimeSpan End => _segments[^1].End;

    public IReadOnlyList<RateSegment> Segments => _segments;

    public static ArrivalSchedule For(LoadTestOptions o)
    {
        var total = o.Warmup + o.Duration;
        switch (o.Preset)
        {
            case Preset.Spike:
                var spikeStart = o.Warmup + (o.Duration - LoadTestOptions.SpikeLength) / 2;
                var spikeEnd = spikeStart + LoadTestOptions.SpikeLength;
                RateSegment[] segments =
                [
                    new(TimeSpan.Zero, spikeStart, o.Rate),
                    new(spikeStart, spikeEnd, o.Rate * LoadTestOptions.SpikeFactor),
                    new(spikeEnd, total, o.Rate),
                ];
                return new ArrivalSchedule(segments.Where(s => s.End > s.Start).ToArray(), o.Warmup);
            case Preset.Timers:
                // The due timers are the load; provisioning already sent the only events.
                return new ArrivalSchedule([new(TimeSpan.Zero, TimeSpan.FromTicks(1), o.Rate)], TimeSpan.Zero, eventLimit: 0);
            case Preset.Activate:
                // Exactly one event per customer, however long that takes at the asked rate.
                var activation = TimeSpan.FromSeconds(o.Customers / o.Rate) + TimeSpan.FromTicks(1);
                return new ArrivalSchedule([new(TimeSpan.Zero, activation, o.Rate)], o.Warmup, o.Customers);
            default:
                return new ArrivalSchedule([new(TimeSpan.Zero, total, o.Rate)], o.Warmup);
        }
    }

    public TimeSpan TimeOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        for (var i = _segments.Length - 1; i >= 0; i--)
        {
            if (index >= _cumulativeAtStart[i] || i == 0)
                return _segments[i].Start + TimeSpan.FromSeconds((index - _cumulativeAtStart[i]) / _segments[i].Rate);
        }
        throw new InvalidOperationException("unreachable: segment 0 takes every index");
    }

    public IEnumerable<ScheduledBatch> Batches(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (long first = 0; first < TotalEvents; first += batchSize)
        {
            var count = (int)Math.Min(batchSize, TotalEvents - first);
            var due = TimeOf(first + count - 1);
            yield return new ScheduledBatch(first, count, due, due >= MeasureFrom);
        }
    }
}
