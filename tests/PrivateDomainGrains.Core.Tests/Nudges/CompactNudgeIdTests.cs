using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Nudges;

public sealed class CompactNudgeIdTests
{
    [Theory]
    [InlineData("e1", "welcome")]
    [InlineData("timer:birthday:638761248000000000", "birthday")]
    [InlineData("s1-e42", "reply")]
    public void A_derived_nudge_id_reads_back_exactly(string eventId, string kind)
    {
        var id = NudgeIds.For(eventId, kind);
        Assert.Equal(id, CompactNudgeId.From(id).ToString());
        Assert.True(CompactNudgeId.From(id).Is(id));
    }

    [Fact]
    public void A_kept_id_is_spelled_as_one_string()
    {
        var id = CompactNudgeId.From(NudgeIds.For("e1", "welcome"));
        var spelled = id.ToString();

        // Exactly the bytes of one string of its length: a decision spells every nudge it closes or credits.
        Assert.Equal(Allocated(() => new string('n', spelled.Length)), Allocated(() => id.ToString()));
    }

    /// <summary>What one call allocates on this thread, its code already compiled by a first call.</summary>
    private static long Allocated(Func<string> spell)
    {
        spell();
        var before = GC.GetAllocatedBytesForCurrentThread();
        spell();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData("")]
    [InlineData("n1")]
    [InlineData("n_0123456789ABCDEF01234567")]
    [InlineData("n_0123456789abcdef0123456z")]
    [InlineData("x_0123456789abcdef01234567")]
    public void Any_other_id_is_kept_as_given(string id)
    {
        Assert.Equal(id, CompactNudgeId.From(id).ToString());
        Assert.True(CompactNudgeId.From(id).Is(id));
    }

    [Fact]
    public void Different_ids_stay_different()
    {
        var a = NudgeIds.For("e1", "reply");
        var b = NudgeIds.For("e2", "reply");
        Assert.False(CompactNudgeId.From(a).Is(b));
        Assert.False(CompactNudgeId.From(a).Is(a.ToUpperInvariant()));
        Assert.False(CompactNudgeId.From("n1").Is(a));
    }
}
