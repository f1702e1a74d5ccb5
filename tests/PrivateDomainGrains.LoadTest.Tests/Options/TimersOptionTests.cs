using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class TimersOptionTests
{
    private static LoadTestOptions Parse(params string[] args) =>
        OptionParser.Parse(args, DateTimeOffset.UnixEpoch, _ => null) ?? throw new InvalidOperationException("help");

    [Fact]
    public void The_timers_preset_leaves_room_for_provisioning_before_the_due_time_and_waits_past_the_sixty_second_target()
    {
        var o = Parse("--preset", "timers", "--customers", "200000");

        Assert.Equal(Preset.Timers, o.Preset);
        Assert.Equal(TimeSpan.FromSeconds(230), o.DueAfter);
        Assert.Equal(TimeSpan.Zero, o.DueWindow);
        Assert.Equal(TimeSpan.FromSeconds(90), o.Drain);
        Assert.True(o.ProvisionCustomers);
        Assert.Equal(o.Staff, o.Consoles);
    }

    [Fact]
    public void Due_time_and_window_can_be_chosen()
    {
        var o = Parse("--preset", "timers", "--due-after", "5m", "--due-window", "30s");

        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)), (o.DueAfter, o.DueWindow));
    }

    [Theory]
    [InlineData("--provision", "false")]
    [InlineData("--consoles", "0")]
    [InlineData("--due-after", "0s")]
    public void A_timers_run_that_could_not_measure_anything_is_refused(string option, string value)
    {
        var error = Assert.Throws<OptionsException>(() => Parse("--preset", "timers", option, value));

        Assert.Contains(option, error.Message);
    }
}
