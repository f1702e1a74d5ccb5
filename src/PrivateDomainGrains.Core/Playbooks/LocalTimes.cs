using System.Globalization;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>Local times of day written <c>HH:mm</c>.</summary>
public static class LocalTimes
{
    public static bool TryParse(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static TimeOnly Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a local time HH:mm");
}
