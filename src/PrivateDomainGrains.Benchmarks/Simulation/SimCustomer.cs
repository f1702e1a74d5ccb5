using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// One simulated customer: the hidden traits (segment, zone, reading curve, activity level), the engine's profile of
/// them, and what the simulator tracks itself (friendship, the proactive messages they actually received, event ids).
/// <see cref="Organic"/> drives what they do on their own and <see cref="Reactions"/> how they and their owner react,
/// so that their own behaviour is the same under every policy; <see cref="Choices"/> is the policy's own dice for them.
/// </summary>
public sealed class SimCustomer(int index, Segment segment, string zoneId, TimeZoneInfo zone, double[] reading, double activity,
    string staffId, SimRandom organic, SimRandom reactions, SimRandom choices)
{
    public int Index { get; } = index;
    public string Id { get; } = "c" + index;
    public Segment Segment { get; } = segment;
    public string ZoneId { get; } = zoneId;
    public TimeZoneInfo Zone { get; } = zone;
    /// <summary>Reading weight per local hour (<see cref="ResponseModel.ReadingCurve"/>).</summary>
    public double[] Reading { get; } = reading;
    /// <summary>Scales every organic rate; mean 1.</summary>
    public double Activity { get; } = activity;
    public string StaffId { get; } = staffId;
    public SimRandom Organic { get; } = organic;
    public SimRandom Reactions { get; } = reactions;
    /// <summary>
    /// The policy's draws for this customer (Thompson samples, or the random policy's choice): a stream per customer, so
    /// that a decision's draw does not depend on which other customers were decided before it, or on which thread.
    /// </summary>
    public SimRandom Choices { get; } = choices;

    /// <summary>The random policy's score: uniform on its value (arbitration multiplies by value and lever).</summary>
    public double RandomPropensity(Core.Nudges.PlannedNudge n, string segment) =>
        n.Value * n.Lever > 0 ? Choices.NextDouble() / (n.Value * n.Lever) : 0;

    public CustomerProfile Profile { get; } = new() { CustomerId = "c" + index };
    public bool Joined { get; set; }
    public bool Lost { get; set; }
    /// <summary>The due time the engine last named, so an unchanged one is not scheduled twice.</summary>
    public DateTimeOffset? ScheduledWake { get; set; }
    /// <summary>Bumped whenever the engine names a new due time, so an older scheduled wake is recognised as stale.</summary>
    public int WakeVersion { get; set; }
    public long JournalSequence { get; set; }
    /// <summary>Times proactive messages reached the customer (the owner acted), the last 7 days' worth.</summary>
    public List<DateTimeOffset> Received { get; } = [];
    /// <summary>Times proactive nudges for this customer were raised, within the longest cap window (<see cref="ViolationCheck"/>).</summary>
    public List<DateTimeOffset> Raised { get; } = [];

    private int _events;

    public string NextEventId() => Id + "-e" + ++_events;

    public double ReadingAt(DateTimeOffset at) => Reading[TimeZones.ToLocal(at, Zone).Hour];

    private double? _bestReadingOutside;

    /// <summary>The customer's highest reading weight in a whole local hour outside [start, end) (the quiet hours).</summary>
    public double BestReadingOutside(TimeOnly quietStart, TimeOnly quietEnd) => _bestReadingOutside ??= Enumerable.Range(0, 24)
        .Where(h => !ViolationCheck.InQuietHours(new TimeOnly(h, 0), quietStart, quietEnd) && !ViolationCheck.InQuietHours(new TimeOnly(h, 59), quietStart, quietEnd))
        .Select(h => Reading[h]).DefaultIfEmpty(0).Max();

    /// <summary>Proactive messages received in the 7 days before <paramref name="at"/>; older ones are forgotten.</summary>
    public int ReceivedInLast7Days(DateTimeOffset at)
    {
        // Received in time order (a customer's events are handled in time order), so the forgotten ones are a prefix.
        var from = at - ResponseModel.FatigueWindow;
        var old = 0;
        while (old < Received.Count && Received[old] <= from) old++;
        Received.RemoveRange(0, old);
        return Received.Count;
    }
}
