using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Policy;

/// <summary>
/// The earliest moment a proactive touch on a channel is allowed: no cap exceeded over its exact rolling window, not
/// inside quiet hours. Moving forward only ever frees cap room, so alternating the two checks settles quickly.
/// </summary>
public static class ContactScheduler
{
    public readonly record struct Slot(DateTimeOffset At, string? Policy, bool Never);

    public static Slot Earliest(ContactPolicy policy, IReadOnlyList<Touch> touches, string? channel, TimeZoneInfo zone, DateTimeOffset now)
    {
        var at = now;
        string? reason = null;
        for (var round = 0; round < 64; round++)
        {
            var moved = false;
            for (var c = 0; c < policy.Caps.Count; c++)
            {
                var cap = policy.Caps[c];
                if (!cap.Covers(channel)) continue;
                if (cap.Max == 0) return new Slot(at, cap.ToString(), Never: true);
                var free = FreeAt(cap, touches, at);
                if (free > at)
                {
                    (at, reason, moved) = (free, cap.ToString(), true);
                }
            }
            if (policy.QuietHours is { } quiet && quiet.EndOf(at, zone) is var end && end > at)
            {
                (at, reason, moved) = (end, quiet.ToString(), true);
            }
            if (!moved) return new Slot(at, reason, Never: false);
        }
        return new Slot(at, reason, Never: false);
    }

    /// <summary>
    /// When a touch fits the cap: every rolling window (s - window, s] that would hold it must hold fewer than the cap
    /// already. Usually every touch is before <paramref name="at"/> and only the window ending at it matters (the k-th
    /// oldest touch in it frees its place at its time + window); a decision on a late event can come before touches
    /// already made, and then the windows ending at those count too: the touch waits until after them.
    /// </summary>
    private static DateTimeOffset FreeAt(ContactCap cap, IReadOnlyList<Touch> touches, DateTimeOffset at)
    {
        var count = 0;
        for (var i = 0; i < touches.Count; i++)
            if (cap.Covers(touches[i].Channel)) count++;
        if (count < cap.Max) return at;
        // The covered touch times in order, on the stack: the caps' windows keep them few. Once per decision, this
        // allocated a list, its array and two closures.
        Span<DateTimeOffset> times = count <= 64 ? stackalloc DateTimeOffset[count] : new DateTimeOffset[count];
        var n = 0;
        for (var i = 0; i < touches.Count; i++)
            if (cap.Covers(touches[i].Channel)) times[n++] = touches[i].At;
        times.Sort();
        for (var round = 0; round <= times.Length + 1; round++)
        {
            var moved = false;
            // Window ends worth checking: the touch's own time, and every later touch within a window of it.
            for (var i = -1; i < times.Length && !moved; i++)
            {
                var end = i < 0 ? at : times[i];
                if (i >= 0 && (end <= at || end >= Instants.Plus(at, cap.Window))) continue;
                var from = Instants.Plus(end, -cap.Window);
                var first = FirstAfter(times, from);
                var last = LastAtOrBefore(times, end);
                var inWindow = first < 0 || last < first ? 0 : last - first + 1;
                if (inWindow < cap.Max) continue;
                // Room comes once enough of them have left a window ending at the touch (for a later window: past its end too).
                at = Instants.Plus(times[last - cap.Max + 1], cap.Window);
                moved = true;
            }
            if (!moved) return at;
        }
        return at;
    }

    /// <summary>The index of the first time after <paramref name="from"/>, or -1.</summary>
    private static int FirstAfter(ReadOnlySpan<DateTimeOffset> times, DateTimeOffset from)
    {
        for (var i = 0; i < times.Length; i++)
            if (times[i] > from) return i;
        return -1;
    }

    /// <summary>The index of the last time at or before <paramref name="end"/>, or -1.</summary>
    private static int LastAtOrBefore(ReadOnlySpan<DateTimeOffset> times, DateTimeOffset end)
    {
        for (var i = times.Length - 1; i >= 0; i--)
            if (times[i] <= end) return i;
        return -1;
    }

    /// <summary>How many touches on <paramref name="channel"/> fall in (at - window, at] for the cap; for tests and explanations.</summary>
    public static int Count(ContactCap cap, IEnumerable<Touch> touches, DateTimeOffset at) =>
        touches.Count(t => t.At > at - cap.Window && t.At <= at && cap.Covers(t.Channel));
}
