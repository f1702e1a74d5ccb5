using System.Security.Cryptography;
using System.Text;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Nudges;

public sealed class NudgeIdTests
{
    [Theory]
    [InlineData("e1", "welcome")]
    [InlineData("c1/timer:r3:638761248000000000", "r3")]
    [InlineData("油皮-事件", "规则#2")]
    public void A_nudge_id_is_the_first_12_bytes_of_the_sha256_of_event_and_kind(string eventId, string kind)
    {
        var expected = "n_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId + "\n" + kind))[..12]);

        Assert.Equal(expected, NudgeIds.For(eventId, kind));
    }

    /// <summary>Every padding case: empty, one block with and without room for the length, several blocks.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(119)]
    [InlineData(120)]
    [InlineData(128)]
    [InlineData(1000)]
    public void The_managed_sha256_matches_the_platform(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var hash = new byte[Sha256.HashSize];

        Sha256.HashData(data, hash);

        Assert.Equal(SHA256.HashData(data), hash);
    }
}
