using System.Globalization;

namespace PrivateDomainGrains.Core.Scheduling;

/// <summary>Yearly dates such as birthdays: a field value <c>yyyy-MM-dd</c> or <c>MM-dd</c>, celebrated at a local time.</summary>
public static class AnnualDates
{
    public static bool TryParseMonthDay(string? text, out int month, out int day)
    {
        month = day = 0;
        if (text is null) return false;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            (month, day) = (date.Month, date.Day);
            return true;
        }
        // 2000 is a leap year, so 02-29 parses.
        if (DateOnly.TryParseExact("2000-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            (month, day) = (date.Month, date.Day);
            return true;
        }
        return false;
    }

    /// <summary>
    /// The first occurrence of month/day at <paramref name="time"/> in <paramref name="zone"/> at or after
    /// <paramref name="from"/>. February 29 is celebrated on February 28 in common years.
    /// </summary>
    public static DateTimeOffset NextOccurrence(int month, int day, TimeOnly time, TimeZoneInfo zone, DateTimeOffset from)
    {
        var year = TimeZones.ToLocal(from, zone).Year - 1;
        while (true)
        {
            var d = Math.Min(day, DateTime.DaysInMonth(year, month));
            var instant = TimeZones.ToInstant(new DateTime(new DateOnly(year, month, d), time), zone);
            if (instant >= from) return instant;
            year++;
        }
    }
}
