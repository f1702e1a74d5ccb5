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
            foreach (var cap in policy.Caps)
            {
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

    /// <summary>When the cap has room again: touches count in (t - window, t], so the k-th oldest frees its place at its time + window.</summary>
    private static DateTimeOffset FreeAt(ContactCap cap, IReadOnlyList<Touch> touches, DateTimeOffset at)
    {
        var from = Instants.Plus(at, -cap.Window);
        var inWindow = new List<DateTimeOffset>();
        foreach (var t in touches)
            if (t.At > from && t.At <= at && cap.Covers(t.Channel)) inWindow.Add(t.At);
        if (inWindow.Count < cap.Max) return at;
        inWindow.Sort();
        return Instants.Plus(inWindow[inWindow.Count - cap.Max], cap.Window);
    }

    /// <summary>How many touches on <paramref name="channel"/> fall in (at - window, at] for the cap; for tests and explanations.</summary>
    public static int Count(ContactCap cap, IEnumerable<Touch> touches, DateTimeOffset at) =>
        touches.Count(t => t.At > at - cap.Window && t.At <= at && cap.Covers(t.Channel));
}
