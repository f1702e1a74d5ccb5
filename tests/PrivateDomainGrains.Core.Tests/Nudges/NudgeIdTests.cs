using System.IO.Hashing;
using System.Text;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Nudges;

public sealed class NudgeIdTests
{
    /// <summary>
    /// Pinned values: ids are stored in the inbox, and a replay after a crash must derive the same ones, so a change
    /// here re-raises every replayed nudge.
    /// </summary>
    [Theory]
    [InlineData("e1", "welcome", "n_5cf92fa312cd675b7219c960")]
    [InlineData("c1/timer:r3:638761248000000000", "r3", "n_5a3c090c24723bbc82038b7a")]
    [InlineData("油皮-事件", "规则#2", "n_58b3648205cb8dfbbe776fcc")]
    public void A_nudge_id_is_the_first_12_bytes_of_the_xxh128_of_event_and_kind(string eventId, string kind, string expected)
    {
        var reference = "n_" + Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(eventId + "\n" + kind))[..12]);

        Assert.Equal(expected, reference);
        Assert.Equal(expected, NudgeIds.For(eventId, kind));
    }

    [Fact]
    public void An_event_id_too_long_for_the_stack_is_hashed_the_same_way()
    {
        var eventId = new string('油', 400);

        Assert.Equal("n_" + Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(eventId + "\nreply"))[..12]),
            NudgeIds.For(eventId, "reply"));
    }
}
