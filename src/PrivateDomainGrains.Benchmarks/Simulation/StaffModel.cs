using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// When an owner gets round to a nudge: a log-normal delay (median 45 minutes, most within a few hours), and only in
/// working hours (09:00-21:00 in the tenant's zone, every day, as private-domain teams work): a nudge that would be
/// handled outside them waits for the next morning, then an exponential hour or so of the morning's backlog.
/// </summary>
public static class StaffModel
{
    public static readonly TimeSpan MedianDelay = TimeSpan.FromMinutes(45);
    public const double DelaySpread = 1.0;
    public const int WorkStartHour = 9;
    public const int WorkEndHour = 21;
    public static readonly TimeSpan MorningBacklog = TimeSpan.FromHours(1);

    private static readonly TimeZoneInfo Zone = TimeZones.TryFind(Population.StaffZone, out var z) ? z : TimeZoneInfo.Utc;

    public static DateTimeOffset ActsAt(DateTimeOffset raised, SimRandom random)
    {
        var at = raised + TimeSpan.FromMinutes(random.LogNormal(MedianDelay.TotalMinutes, DelaySpread));
        return NextWorkingMoment(at, random);
    }

    /// <summary><paramref name="at"/> itself in working hours, else the next working morning plus a backlog delay.</summary>
    public static DateTimeOffset NextWorkingMoment(DateTimeOffset at, SimRandom random)
    {
        var local = TimeZones.ToLocal(at, Zone);
        if (local.Hour is >= WorkStartHour and < WorkEndHour) return at;
        var morning = local.Hour < WorkStartHour ? local.Date.AddHours(WorkStartHour) : local.Date.AddDays(1).AddHours(WorkStartHour);
        return TimeZones.ToInstant(morning, Zone) + TimeSpan.FromMinutes(random.Exponential(MorningBacklog.TotalMinutes));
    }
}
