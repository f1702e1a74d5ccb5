using PrivateDomainGrains.Core.Execution;

namespace PrivateDomainGrains.Core.Tests.Execution;

public sealed class ExecutionFiguresTests
{
    [Fact]
    public void Rates_are_shares_of_the_nudges_shown_held_out_ones_excluded()
    {
        var c = new ExecutionCounts { Raised = 12, Holdout = 2, Done = 4, DoneByAction = 1, NotUseful = 2, Expired = 3 };
        Assert.Equal((0.5, 0.2, 0.3), (c.DoneRate!.Value, c.NotUsefulRate!.Value, c.ExpiredRate!.Value));
        Assert.Null(new ExecutionCounts().DoneRate);
    }

    [Fact]
    public void The_median_and_p90_time_to_done_are_interpolated_within_their_buckets()
    {
        var c = new ExecutionCounts();
        c.ActBuckets[0] = 5; // under a minute
        c.ActBuckets[2] = 5; // 2 to 5 minutes
        Assert.Equal(60, c.MedianSecondsToDone); // the 5th of 10 is the last of the first bucket
        Assert.Equal(120 + 180 * 0.8, c.P90SecondsToDone!.Value, 6);
        Assert.Null(new ExecutionCounts().MedianSecondsToDone);
    }

    [Fact]
    public void Counts_add_up_and_revenue_stays_per_currency()
    {
        var a = new ExecutionCounts { Raised = 1, Done = 1 };
        a.Revenue["CNY"] = (100m, 150m);
        var b = new ExecutionCounts { Raised = 2, Orders = 1 };
        b.Revenue["CNY"] = (20m, 20m);
        b.Revenue["USD"] = (5m, 5m);
        a.Add(b);
        Assert.Equal((3L, 1L, 1L), (a.Raised, a.Done, a.Orders));
        Assert.Equal((120m, 170m), a.Revenue["CNY"]);
        Assert.Equal((5m, 5m), a.Revenue["USD"]);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(1, 10, 0.0179, 0.4042)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    public void Wilson_intervals_match_the_published_values(long successes, long trials, double low, double high)
    {
        var (l, h) = Uplift.Wilson(successes, trials);
        Assert.Equal(low, l, 3);
        Assert.Equal(high, h, 3);
    }

    /// <summary>Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10 (score, no continuity correction).</summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    public void Uplift_intervals_match_newcombes_published_examples(long s1, long n1, long s2, long n2, double low, double high)
    {
        var (_, l, h) = Uplift.Of(s1, n1, s2, n2)!.Value;
        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void The_uplift_interval_contains_the_difference_narrows_with_more_customers_and_covers_zero_when_arms_are_alike()
    {
        var (d, low, high) = Uplift.Of(56, 70, 48, 80)!.Value;
        Assert.Equal(0.2, d, 6);
        Assert.InRange(d, low, high);
        Assert.True(low > 0, "56/70 against 48/80 is a real difference");
        var (_, low10, high10) = Uplift.Of(560, 700, 480, 800)!.Value;
        Assert.True(high10 - low10 < high - low);
        var (_, lowSame, highSame) = Uplift.Of(10, 100, 10, 100)!.Value;
        Assert.True(lowSame < 0 && highSame > 0);
        Assert.Null(Uplift.Of(1, 10, 0, 0));
    }
}
