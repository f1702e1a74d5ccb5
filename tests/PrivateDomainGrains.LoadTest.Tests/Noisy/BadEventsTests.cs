using System.Text.Json;
using PrivateDomainGrains.LoadTest.Noisy;

namespace PrivateDomainGrains.LoadTest.Tests.Noisy;

public sealed class BadEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static JsonElement Event(long n) => JsonDocument.Parse(BadEvents.Body(n, Now)).RootElement.GetProperty("events").EnumerateArray().Single();

    [Fact]
    public void Each_body_is_well_formed_json_carrying_one_event_with_its_own_id()
    {
        Assert.All(Enumerable.Range(0, 8), n => Assert.Equal($"bad-{n}", Event(n).GetProperty("id").GetString()));
    }

    [Fact]
    public void The_four_kinds_carry_the_issues_values()
    {
        Assert.Equal("x\0", Event(0).GetProperty("channel").GetString());
        // A lone high surrogate cannot become a .NET string through System.Text.Json; the raw escape is what is sent.
        Assert.Contains(@"""text"":""a\ud800b""", BadEvents.Body(1, Now), StringComparison.Ordinal);
        Assert.Equal("9999-12-31T23:59:00Z", Event(2).GetProperty("at").GetString());
        Assert.Equal("79228162514264337593543950335", Event(3).GetProperty("data").GetProperty("amount").GetRawText());
        Assert.Equal(Enumerable.Range(0, 4).Select(n => BadEvents.Kinds[n]), Enumerable.Range(0, 4).Select(n => BadEvents.KindOf(n)));
    }
}
