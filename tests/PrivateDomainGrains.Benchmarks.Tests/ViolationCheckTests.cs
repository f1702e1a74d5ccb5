using PrivateDomainGrains.Benchmarks.Simulation;

namespace PrivateDomainGrains.Benchmarks.Tests;

public sealed class ViolationCheckTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    /// <summary>Monday 5 January 2026, 10:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private static ViolationCheck Check() =>
        new([(1, TimeSpan.FromDays(1)), (3, TimeSpan.FromDays(7))], new TimeOnly(21, 0), new TimeOnly(9, 0));

    [Fact]
    public void Three_raises_in_a_week_a_day_apart_are_within_the_caps_and_a_fourth_breaks_the_weekly_one()
    {
        var check = Check();
        var raised = new List<DateTimeOffset>();
        for (var day = 0; day < 3; day++) Assert.False(check.Observe(raised, Monday10.AddDays(day), Shanghai, "c1"));

        Assert.True(check.Observe(raised, Monday10.AddDays(3), Shanghai, "c1"));
        Assert.Equal((1, 0), (check.CapViolations, check.QuietHourViolations));
        Assert.Single(check.Examples);
    }

    [Fact]
    public void Two_raises_on_one_day_break_the_daily_cap_but_exactly_a_day_apart_do_not()
    {
        var check = Check();
        var raised = new List<DateTimeOffset>();
        check.Observe(raised, Monday10, Shanghai, "c1");
        Assert.False(check.Observe(raised, Monday10.AddDays(1), Shanghai, "c1"));
        Assert.True(check.Observe(raised, Monday10.AddDays(1).AddHours(2), Shanghai, "c1"));
        Assert.Equal(1, check.CapViolations);
    }

    [Fact]
    public void A_window_counts_raises_after_its_start_and_up_to_its_end()
    {
        DateTimeOffset[] raised = [Monday10, Monday10.AddDays(1), Monday10.AddDays(7)];
        Assert.Equal(2, ViolationCheck.CountInWindow(raised, Monday10.AddDays(7), TimeSpan.FromDays(7)));
        Assert.Equal(3, ViolationCheck.CountInWindow(raised, Monday10.AddDays(7), TimeSpan.FromDays(8)));
        Assert.Equal(2, ViolationCheck.CountInWindow(raised, Monday10.AddDays(7).AddTicks(-1), TimeSpan.FromDays(8)));
    }

    [Fact]
    public void Quiet_hours_that_wrap_midnight_are_judged_in_the_customer_s_own_zone()
    {
        var quiet = (new TimeOnly(21, 0), new TimeOnly(9, 0));
        Assert.False(ViolationCheck.InQuietHours(Monday10, Shanghai, quiet.Item1, quiet.Item2));
        Assert.True(ViolationCheck.InQuietHours(Monday10.AddHours(11), Shanghai, quiet.Item1, quiet.Item2)); // 21:00
        Assert.True(ViolationCheck.InQuietHours(Monday10.AddMinutes(-61), Shanghai, quiet.Item1, quiet.Item2)); // 08:59
        Assert.True(ViolationCheck.InQuietHours(Monday10, London, quiet.Item1, quiet.Item2)); // 02:00 in London

        var check = Check();
        Assert.True(check.Observe([], Monday10, London, "c2"));
        Assert.Equal((0, 1), (check.CapViolations, check.QuietHourViolations));
    }
}
