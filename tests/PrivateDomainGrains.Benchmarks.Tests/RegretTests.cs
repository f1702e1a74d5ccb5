using PrivateDomainGrains.Benchmarks.Simulation;

namespace PrivateDomainGrains.Benchmarks.Tests;

public sealed class RegretTests
{
    [Fact]
    public void Regret_adds_up_the_weekly_gap_to_the_oracle()
    {
        Assert.Equal([2.0, 3.0, 3.0, 2.0], Regret.Cumulative([3, 3, 3, 3], [1, 2, 3, 4]));
    }

    [Fact]
    public void Series_of_different_lengths_cannot_be_compared()
    {
        Assert.Throws<ArgumentException>(() => Regret.Cumulative([1, 2], [1]));
    }

    [Fact]
    public void A_rolling_rate_divides_sums_over_the_window_and_is_zero_without_a_denominator()
    {
        var rate = Regret.RollingRate([1, 3, 0, 2], [10, 10, 0, 20], window: 2);
        Assert.Equal([0.1, 0.2, 0.3, 0.1], rate.Select(r => Math.Round(r, 9)));
        Assert.Equal([0.0], Regret.RollingRate([5], [0], window: 4));
    }

    [Fact]
    public void A_policy_is_within_tolerance_from_the_first_week_after_which_it_never_falls_out_again()
    {
        double[] oracle = [1, 1, 1, 1, 1, 1];
        Assert.Equal(3, Regret.WeekWithin([0.5, 0.95, 0.85, 0.9, 0.95, 1], oracle, 0.10));
        Assert.Equal(0, Regret.WeekWithin([0.9, 0.9, 0.9, 0.9, 0.9, 0.9], oracle, 0.10));
        Assert.Null(Regret.WeekWithin([0.95, 0.95, 0.95, 0.95, 0.95, 0.5], oracle, 0.10));
    }

    [Fact]
    public void A_spread_is_the_median_and_the_range_of_the_seeds()
    {
        Assert.Equal(new Spread(2, 1, 9), Spread.Of([9, 1, 2]));
        Assert.Equal(new Spread(2.5, 1, 9), Spread.Of([9, 1, 2, 3]));
        Assert.Equal([1.0, 3.0, 6.0], Regret.Running([1, 2, 3]));
    }
}
