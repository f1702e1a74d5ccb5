namespace PrivateDomainGrains.Core.Time;

/// <summary>Yearly dates such as birthdays: a field value <c>yyyy-MM-dd</c> or <c>MM-dd</c>, celebrated at a local time.</summary>
public static class AnnualDates
{
    /// <summary>Parsed by hand: this runs for every yearly rule on every decision.</summary>
    public static bool TryParseMonthDay(string? text, out int month, out int day)
    {
        month = day = 0;
        var s = text.AsSpan();
        if (s.Length == 10 && s[4] == '-' && IsDigits(s[..4])) s = s[5..];
        if (s.Length != 5 || s[2] != '-' || !IsDigits(s[..2]) || !IsDigits(s[3..])) return false;
        month = (s[0] - '0') * 10 + s[1] - '0';
        day = (s[3] - '0') * 10 + s[4] - '0';
        // 2000 is a leap year, so 02-29 is accepted.
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000, month);
    }

    private static bool IsDigits(ReadOnlySpan<char> s) => s.IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// The first occurrence of month/day at <paramref name="time"/> in <paramref name="zone"/> at or after
    /// <paramref name="from"/>. February 29 is celebrated on February 28 in common years.
    /// </summary>
    public static DateTimeOffset NextOccurrence(int month, int day, TimeOnly time, TimeZoneInfo zone, DateTimeOffset from)
    {
        // A tenant's yearly rules mostly read the same date (a birthday) at the same time: one decision asks the same
        // question once per rule. Only the instant of from matters, not its offset.
        var last = t_last;
        if (ReferenceEquals(last.Zone, zone) && last.Month == month && last.Day == day && last.Time == time && last.FromTicks == from.UtcTicks)
            return last.Next;

        // Local and UTC years differ by at most one, so starting a year early never misses an occurrence.
        var year = from.UtcDateTime.Year - 1;
        while (year < DateTime.MaxValue.Year)
        {
            var d = Math.Min(day, DateTime.DaysInMonth(year, month));
            var instant = TimeZones.ToInstantCached(new DateTime(new DateOnly(year, month, d), time), zone);
            if (instant >= from)
            {
                t_last = new LastOccurrence(zone, month, day, time, from.UtcTicks, instant);
                return instant;
            }
            year++;
        }
        return DateTimeOffset.MaxValue;
    }

    [ThreadStatic] private static LastOccurrence t_last;

    private readonly record struct LastOccurrence(TimeZoneInfo? Zone, int Month, int Day, TimeOnly Time, long FromTicks, DateTimeOffset Next);
}
