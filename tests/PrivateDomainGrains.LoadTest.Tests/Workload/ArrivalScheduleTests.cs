using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Tests.Workload;

public sealed class ArrivalScheduleTests
{
    private static LoadTestOptions Options(params string[] args) => OptionParser.Parse(args, DateTimeOffset.UnixEpoch, _ => null)!;

    [Fact]
    public void Steady_offers_rate_times_length_events_at_fixed_intervals()
    {
        var s = ArrivalSchedule.For(Options("--rate", "500", "--duration", "60s", "--warmup", "10s"));
        Assert.Equal(35_000, s.TotalEvents);
        Assert.Equal(TimeSpan.Zero, s.TimeOf(0));
        Assert.Equal(TimeSpan.FromMilliseconds(2), s.TimeOf(1));
        Assert.Equal(TimeSpan.FromSeconds(10), s.TimeOf(5000));
        Assert.Equal(TimeSpan.FromSeconds(10), s.MeasureFrom);
    }

    [Fact]
    public void A_batch_is_due_when_its_last_event_is_and_is_measured_only_after_warm_up()
    {
        var s = ArrivalSchedule.For(Options("--rate", "10", "--duration", "2s", "--warmup", "1s"));
        var batches = s.Batches(4).ToArray();
        Assert.Equal([4, 4, 4, 4, 4, 4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(TimeSpan.FromSeconds(0.3), batches[0].Due);
        Assert.Equal(30, batches.Sum(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i * 4), batches.Select(b => b.FirstIndex));
        // Batch 2 holds events 8-11, due at 1.1 s: past the 1 s warm-up. Batch 1 (4-7) is due at 0.7 s.
        Assert.Equal([false, false, true, true, true, true, true, true], batches.Select(b => b.Measured));
    }

    [Fact]
    public void Spike_runs_ten_times_the_rate_for_thirty_seconds_in_the_middle_of_the_measured_period()
    {
        var s = ArrivalSchedule.For(Options("--preset", "spike", "--rate", "100", "--duration", "120s", "--warmup", "10s"));
        Assert.Equal(
            [new RateSegment(TimeSpan.Zero, TimeSpan.FromSeconds(55), 100), new RateSegment(TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(85), 1000),
             new RateSegment(TimeSpan.FromSeconds(85), TimeSpan.FromSeconds(130), 100)],
            s.Segments);
        Assert.Equal(100 * 100 + 30 * 1000, s.TotalEvents);
        Assert.Equal(TimeSpan.FromSeconds(55), s.TimeOf(5500));
        Assert.Equal(TimeSpan.FromSeconds(55.001), s.TimeOf(5501));
        Assert.Equal(TimeSpan.FromSeconds(85), s.TimeOf(35_500));
        Assert.Equal(TimeSpan.FromSeconds(85.01), s.TimeOf(35_501));
    }

    [Fact]
    public void A_spike_as_long_as_the_run_leaves_no_empty_segments()
    {
        var s = ArrivalSchedule.For(Options("--preset", "spike", "--rate", "10", "--duration", "30s", "--warmup", "0s"));
        Assert.Equal([new RateSegment(TimeSpan.Zero, TimeSpan.FromSeconds(30), 100)], s.Segments);
    }

    [Fact]
    public void Activate_sends_exactly_one_event_per_customer()
    {
        var s = ArrivalSchedule.For(Options("--preset", "activate", "--customers", "1001", "--rate", "300"));
        Assert.Equal(1001, s.TotalEvents);
        Assert.Equal(1001, s.Batches(50).Sum(b => b.Count));
    }

    [Fact]
    public void Times_never_decrease()
    {
        var s = ArrivalSchedule.For(Options("--preset", "spike", "--rate", "33.3", "--duration", "45s", "--warmup", "7s"));
        var times = Enumerable.Range(0, (int)s.TotalEvents).Select(i => s.TimeOf(i)).ToArray();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
        Assert.True(times[^1] < s.End);
    }

    [Fact]
    public void Segments_must_join_up()
    {
        Assert.Throws<ArgumentException>(() => new ArrivalSchedule(
            [new(TimeSpan.Zero, TimeSpan.FromSeconds(1), 1), new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 1)], TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new ArrivalSchedule([new(TimeSpan.Zero, TimeSpan.FromSeconds(1), 0)], TimeSpan.Zero));
    }
}
