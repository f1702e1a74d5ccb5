using System.Text;
using Microsoft.AspNetCore.Http;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.FunctionalTests.Ingestion;

/// <summary>Every timestamp the API takes carries its UTC offset (<see cref="Iso8601Timestamps"/>): none is guessed.</summary>
public sealed class TimestampTests
{
    private sealed record Body(DateTimeOffset Until, DateTimeOffset? ExpiresAt = null);

    private static async Task<(Body? Value, string? Problem)> ReadAsync(string json)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var (value, problem) = await JsonBody.ReadAsync<Body>(http.Request);
        return (value, problem?.ProblemDetails.Detail);
    }

    [Theory]
    [InlineData("2026-11-22T09:30:00+08:00", "2026-11-22T01:30:00Z")]
    [InlineData("2026-11-22T01:30:00Z", "2026-11-22T01:30:00Z")]
    [InlineData("2026-11-21T20:30:00.5-05:00", "2026-11-22T01:30:00.5Z")]
    public void A_timestamp_with_its_offset_is_read_as_that_instant(string text, string utc)
    {
        Assert.Null(Iso8601Timestamps.Problem(text, out var at));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Theory]
    [InlineData("2026-11-22T09:30:00", "no UTC offset")]
    [InlineData("2026-11-22", "ISO 8601")]
    [InlineData("11/22/2026 09:30 +08:00", "ISO 8601")]
    [InlineData("yesterday", "ISO 8601")]
    public void A_timestamp_without_an_offset_or_not_in_iso_8601_is_refused_saying_why(string text, string why)
    {
        Assert.Contains(why, Iso8601Timestamps.Problem(text, out _));
    }

    [Fact]
    public async Task A_typed_body_refuses_a_timestamp_without_an_offset_naming_its_property()
    {
        var (value, problem) = await ReadAsync("""{"until":"2026-11-22T09:30:00+08:00","expiresAt":"2026-12-01T00:00:00"}""");
        Assert.Null(value);
        Assert.StartsWith("'expiresAt' has no UTC offset", problem);

        var (read, none) = await ReadAsync("""{"until":"2026-11-22T09:30:00+08:00"}""");
        Assert.Null(none);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 30, 0, TimeSpan.Zero), read!.Until);
    }
}
