using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class LatencyTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    [Fact]
    public void Percentiles_of_one_to_a_thousand_milliseconds()
    {
        var s = LatencySummary.From(LatencyHistograms.FromTicks(Enumerable.Range(1, 1000).Select(i => i * Ms)));
        Assert.Equal(1000, s.Count);
        // HdrHistogram at three significant digits: within 0.1%.
        Assert.Equal(500, s.P50Ms, tolerance: 0.5);
        Assert.Equal(950, s.P95Ms, tolerance: 1);
        Assert.Equal(990, s.P99Ms, tolerance: 1);
        Assert.Equal(999, s.P999Ms, tolerance: 1);
        Assert.Equal(1000, s.MaxMs, tolerance: 1);
        Assert.Equal(500.5, s.MeanMs, tolerance: 0.5);
    }

    [Fact]
    public void One_slow_outlier_shows_in_the_tail_only()
    {
        var s = LatencySummary.From(LatencyHistograms.FromTicks(Enumerable.Repeat(2 * Ms, 999).Append(5000 * Ms)));
        Assert.Equal(2, s.P99Ms, tolerance: 0.01);
        Assert.Equal(5000, s.MaxMs, tolerance: 5);
    }

    [Fact]
    public void No_samples_give_zeros() => Assert.Equal(LatencySummary.Empty, LatencySummary.From(LatencyHistograms.Create()));

    [Fact]
    public void Values_outside_the_range_are_clamped_not_thrown()
    {
        Assert.Equal(1, LatencyHistograms.ToMicroseconds(0));
        Assert.Equal(1, LatencyHistograms.ToMicroseconds(-5));
        Assert.Equal(LatencyHistograms.HighestMicroseconds, LatencyHistograms.ToMicroseconds(TimeSpan.FromHours(5).Ticks));
    }

    [Fact]
    public void Buckets_double_from_a_quarter_millisecond_up_to_the_maximum_and_keep_every_count()
    {
        var ticks = new[] { 100L, 2 * Ms, 2 * Ms, 3 * Ms, 40 * Ms }.Select(t => t == 100 ? 100 * TimeSpan.TicksPerMicrosecond : t).ToArray();
        var buckets = LatencyBucket.From(LatencyHistograms.FromTicks(ticks));
        Assert.Equal([0.25, 0.5, 1, 2, 4, 8, 16, 32, 64], buckets.Select(b => b.UpperMs));
        Assert.Equal([1L, 0, 0, 2, 1, 0, 0, 0, 1], buckets.Select(b => b.Count));
        Assert.Empty(LatencyBucket.From(LatencyHistograms.Create()));
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void Nearest_rank_percentile(double percent, long expected) =>
        Assert.Equal(expected, Percentile.NearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percent));

    [Fact]
    public void Percentile_of_nothing_is_zero() => Assert.Equal(0, Percentile.NearestRank([], 99));
}
