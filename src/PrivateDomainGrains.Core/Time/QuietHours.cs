namespace PrivateDomainGrains.Core.Time;

/// <summary>Local hours [<see cref="Start"/>, <see cref="End"/>) in which proactive contact waits; wraps midnight when Start &gt; End.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    // Get-only, so no `with` can leave the formatted text below behind.
    public TimeOnly Start { get; } = Start;
    public TimeOnly End { get; } = End;

    public bool Contains(TimeOnly local) =>
        Start < End ? local >= Start && local < End : local >= Start || local < End;

    public bool Contains(DateTimeOffset at, TimeZoneInfo zone) => Contains(TimeOnly.FromDateTime(TimeZones.ToLocal(at, zone)));

    /// <summary>When the quiet window containing <paramref name="at"/> ends (or <paramref name="at"/> itself when it is not quiet).</summary>
    public DateTimeOffset EndOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZones.ToLocal(at, zone);
        var time = TimeOnly.FromDateTime(local);
        // The calendar's last day has no next day: nothing is ever sent there anyway.
        if (!Contains(time) || local.Date == DateTime.MaxValue.Date) return at;
        var endDay = time < End ? local.Date : local.Date.AddDays(1);
        var end = TimeZones.ToInstant(endDay.Add(End.ToTimeSpan()), zone);
        return end > at ? end : at;
    }

    // Formatted once: a nudge held by quiet hours names them, and arbitration asks at every such hold.
    private readonly string _text = $"quiet hours {Start:HH\\:mm}-{End:HH\\:mm}";

    public override string ToString() => _text;
}
