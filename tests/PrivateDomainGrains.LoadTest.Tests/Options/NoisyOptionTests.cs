using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class NoisyOptionTests
{
    private static LoadTestOptions Parse(params string[] args) =>
        OptionParser.Parse(args, DateTimeOffset.UnixEpoch, _ => null) ?? throw new InvalidOperationException("help");

    [Fact]
    public void The_noisy_flood_starts_half_way_through_with_32_wrong_sign_ins_a_second_unless_told()
    {
        var o = Parse("--preset", "noisy", "--duration", "40s");

        Assert.Equal(new NoisyOptions(TimeSpan.FromSeconds(20), 32, 8, 1000), o.Noisy);
        Assert.Equal(100, o.Rate);
    }

    [Fact]
    public void A_part_of_the_flood_can_be_left_out_to_tell_which_part_hurts()
    {
        var o = Parse("--preset", "noisy", "--flood-bad", "0", "--flood-signins", "0", "--flood-rate", "500", "--flood-at", "10s");

        Assert.Equal(new NoisyOptions(TimeSpan.FromSeconds(10), 0, 0, 500), o.Noisy);
    }

    [Theory]
    [InlineData("--flood-at", "0s")]
    [InlineData("--flood-at", "60s")]
    [InlineData("--flood-rate", "-1")]
    public void A_flood_without_a_quiet_phase_before_it_or_with_a_negative_rate_is_refused(string option, string value)
    {
        Assert.Throws<OptionsException>(() => Parse("--preset", "noisy", "--duration", "60s", option, value));
    }
}
