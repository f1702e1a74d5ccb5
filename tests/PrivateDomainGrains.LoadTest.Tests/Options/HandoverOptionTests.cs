using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class HandoverOptionTests
{
    private static LoadTestOptions Parse(params string[] args) =>
        OptionParser.Parse(args, DateTimeOffset.UnixEpoch, _ => null) ?? throw new InvalidOperationException("help");

    [Fact]
    public void The_handover_preset_runs_the_steady_load_and_hands_over_ten_seconds_into_the_measured_period_unless_told()
    {
        var byDefault = Parse("--preset", "handover");
        var chosen = Parse("--preset", "handover", "--handover-at", "25s");

        Assert.Equal((Preset.Handover, TimeSpan.FromSeconds(10)), (byDefault.Preset, byDefault.HandoverAt));
        Assert.Equal(TimeSpan.FromSeconds(25), chosen.HandoverAt);
        Assert.True(byDefault.ProvisionCustomers);
        Assert.Equal(byDefault.Staff, byDefault.Consoles);
    }

    [Theory]
    [InlineData("--handover-at", "60s")]
    [InlineData("--staff", "1")]
    [InlineData("--consoles", "1")]
    [InlineData("--provision", "false")]
    public void A_handover_that_could_not_happen_or_be_observed_is_refused(string option, string value)
    {
        Assert.Throws<OptionsException>(() => Parse("--preset", "handover", "--duration", "60s", option, value));
    }
}
