using System.Globalization;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>Operator-friendly durations: a whole number and a unit, <c>m</c> (minutes), <c>h</c>, <c>d</c> or <c>w</c>, e.g. <c>5m</c>, <c>3d</c>.</summary>
public static class Durations
{
    public const string Describe = "a duration like 5m, 2h, 3d or 1w";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 2 and <= 8 }) return false;
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        TimeSpan? unit = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null) return false;
        duration = unit.Value * n;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not {Describe}");
}
