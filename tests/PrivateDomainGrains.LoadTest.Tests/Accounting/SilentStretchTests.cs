using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class SilentStretchTests
{
    [Fact]
    public void Nothing_owed_is_no_silence()
    {
        Assert.Null(SilentStretch.Longest(0, 100, [10, 20], []));
    }

    [Fact]
    public void A_nudge_owed_at_the_start_makes_the_start_silent_until_the_first_arrival()
    {
        Assert.Equal((0L, 30L), SilentStretch.Longest(0, 100, [30], [(-5, 30)]));
    }

    [Fact]
    public void Arrivals_of_other_nudges_break_a_silence_even_while_one_is_still_owed()
    {
        // Owed 10..90; arrivals at 40 and 60 split it into 10..40, 40..60 and 60..90.
        Assert.Equal((10L, 40L), SilentStretch.Longest(0, 100, [40, 60, 90], [(10, 90)]));
    }

    [Fact]
    public void A_nudge_never_received_keeps_the_console_silent_to_the_end()
    {
        Assert.Equal((70L, 100L), SilentStretch.Longest(0, 100, [50], [(45, 50), (70, 100)]));
    }
}
