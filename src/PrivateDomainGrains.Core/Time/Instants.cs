namespace PrivateDomainGrains.Core.Time;

/// <summary>
/// Date arithmetic that cannot throw. Event times and durations are bounded at the edge (see
/// <c>EventValidator.MaxFutureSkew</c> and <c>Durations.Max</c>), but a journal written before those bounds, or a
/// later bug, must not make a customer's every decision overflow: past the calendar's ends a time saturates.
/// </summary>
public static class Instants
{
    public static DateTimeOffset Plus(DateTimeOffset at, TimeSpan span)
    {
        var ticks = at.UtcTicks + span.Ticks;
        // Overflow of the sum shows as a sign flip; beyond DateTimeOffset's range is clamped as well.
        if (span.Ticks > 0 && (ticks < at.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)) return DateTimeOffset.MaxValue;
        if (span.Ticks < 0 && (ticks > at.UtcTicks || ticks < DateTimeOffset.MinValue.UtcTicks)) return DateTimeOffset.MinValue;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
