using System.Diagnostics;

namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>
/// The one monotonic clock every measurement uses (schedule, acknowledgements, nudge arrivals), so latencies
/// never mix clocks. Wall time is only for the events' <c>at</c> field and the report.
/// </summary>
public sealed class RunClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public long NowTicks => Stopwatch.GetElapsedTime(_origin).Ticks;

    public DateTimeOffset WallAt(long ticks) => StartedAt + TimeSpan.FromTicks(ticks);
}
