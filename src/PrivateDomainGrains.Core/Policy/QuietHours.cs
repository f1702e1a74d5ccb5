using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Policy;

/// <summary>Local hours [<see cref="Start"/>, <see cref="End"/>) in which proactive contact waits; wraps midnight when Start &gt; End.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
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

    public override string ToString() => $"quiet hours {Start:HH\\:mm}-{End:HH\\:mm}";
}
