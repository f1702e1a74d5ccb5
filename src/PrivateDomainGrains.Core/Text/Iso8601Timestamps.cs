using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Timestamps as the API takes them: ISO 8601 date and time (System.Text.Json's ISO 8601-1:2019 profile) with a UTC
/// offset, <c>Z</c> or <c>±hh:mm</c> (RFC 3339 requires one). A time without an offset is refused, never guessed: read
/// as UTC, a Beijing integration's 09:30 would land eight hours late, and nothing would say so.
/// </summary>
public static class Iso8601Timestamps
{
    /// <summary>What error messages show as the expected form.</summary>
    public const string Example = "2026-11-22T09:30:00+08:00";

    /// <summary>Why <paramref name="text"/> is not a timestamp the API takes, or null when it is one (then <paramref name="at"/>, in UTC).</summary>
    public static string? Problem(string text, out DateTimeOffset at)
    {
        at = default;
        var time = text.IndexOfAny(['T', 't']);
        if (time < 0 || !DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
            return CommonPhrases.TimestampForm.Say(Example);
        if (text.AsSpan(time).IndexOfAny("Zz+-") < 0)
            return CommonPhrases.TimestampNoOffset.Say(Example, Example[..19]);
        at = at.ToUniversalTime();
        return null;
    }

    // The ISO 8601 extended forms, parsed without allocating: every event's `at` comes through here.
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>
    /// The same rule for <see cref="DateTimeOffset"/> properties of typed request bodies; the error names the property
    /// by its JSON path.
    /// </summary>
    public sealed class Converter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new TimestampException(CommonPhrases.TimestampString.Say(Example));
            var text = reader.GetString()!;
            return Problem(text, out var at) is { } problem ? throw new TimestampException(problem) : at;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A body's timestamp was refused; <see cref="JsonException.Path"/> names it.</summary>
    public sealed class TimestampException(string message) : JsonException(message);
}
