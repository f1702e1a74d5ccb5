using System.Globalization;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Operator-friendly durations: a whole number and a unit, <c>m</c> (minutes), <c>h</c>, <c>d</c> or <c>w</c>, e.g.
/// <c>5m</c>, <c>3d</c>, from <c>0m</c> up to <see cref="Max"/> (10 years: <c>3650d</c>, <c>521w</c>). Bounded so that
/// adding any of them to any event time the platform accepts stays within the calendar.
/// </summary>
public static class Durations
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    public const string Describe = "a duration like 5m, 2h, 3d or 1w, at most 3650d";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 2 and <= 8 }) return false;
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        long? unitMinutes = text[^1] switch
        {
            'm' => 1,
            'h' => 60,
            'd' => 60 * 24,
            'w' => 60 * 24 * 7,
            _ => null,
        };
        // At most 7 digits times a week's minutes: no overflow in long, and anything past Max is refused.
        if (unitMinutes is null || n * unitMinutes.Value > (long)Max.TotalMinutes) return false;
        duration = TimeSpan.FromMinutes(n * unitMinutes.Value);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not {Describe}");
}
