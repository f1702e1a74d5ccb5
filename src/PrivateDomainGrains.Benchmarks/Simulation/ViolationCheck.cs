namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// Checks the contact policy from the outside, on the proactive nudges the simulator sees raised, without the engine's
/// code: for every raise, no cap holds more than its maximum in the rolling window ending at it (this raise included),
/// and the raise is not inside quiet hours in the customer's real zone. The engine promises both at the moment it
/// raises a nudge; when the owner then acts is the owner's affair (counted apart, see
/// <see cref="RunTotals.DeliveredInQuietHours"/>).
/// </summary>
public sealed class ViolationCheck(IReadOnlyList<(int Max, TimeSpan Window)> caps, TimeOnly quietStart, TimeOnly quietEnd)
{
    private readonly IReadOnlyList<(int Max, TimeSpan Window)> _caps = caps;
    private readonly TimeSpan _longest = caps.Count == 0 ? TimeSpan.Zero : caps.Max(c => c.Window);

    public TimeOnly QuietStart { get; } = quietStart;
    public TimeOnly QuietEnd { get; } = quietEnd;

    public long CapViolations { get; private set; }
    public long QuietHourViolations { get; private set; }
    /// <summary>The first few violations, described, to find them again.</summary>
    public List<string> Examples { get; } = [];

    /// <summary>
    /// Records a proactive raise at <paramref name="at"/> for a customer whose earlier raises are <paramref name="raised"/>
    /// (this method appends to it and forgets raises older than the longest window). Returns whether it broke a rule.
    /// </summary>
    public bool Observe(List<DateTimeOffset> raised, DateTimeOffset at, TimeZoneInfo zone, string customerId)
    {
        // Loops, not LINQ or closures: this runs for every proactive raise of a run.
        var cutoff = at - _longest;
        var kept = 0;
        for (var i = 0; i < raised.Count; i++)
            if (raised[i] > cutoff) raised[kept++] = raised[i];
        raised.RemoveRange(kept, raised.Count - kept);
        raised.Add(at);
        var broke = false;
        for (var c = 0; c < _caps.Count; c++)
        {
            var (max, window) = _caps[c];
            var inWindow = CountInWindow(raised, at, window);
            if (inWindow <= max) continue;
            CapViolations++;
            broke = true;
            Note($"{customerId}: {inWindow} proactive nudges in the {window} ending {at:O}, cap {max}");
        }
        if (InQuietHours(at, zone, QuietStart, QuietEnd))
        {
            QuietHourViolations++;
            broke = true;
            Note($"{customerId}: proactive nudge at {TimeZoneInfo.ConvertTime(at, zone):O} local, quiet {QuietStart}-{QuietEnd}");
        }
        return broke;
    }

    /// <summary>Raises in the window (at - window, at].</summary>
    public static int CountInWindow(IReadOnlyList<DateTimeOffset> raised, DateTimeOffset at, TimeSpan window)
    {
        var n = 0;
        for (var i = 0; i < raised.Count; i++)
            if (raised[i] > at - window && raised[i] <= at) n++;
        return n;
    }

    /// <summary>Whether the local time of <paramref name="at"/> in <paramref name="zone"/> is in [start, end), wrapping midnight when start &gt; end.</summary>
    public static bool InQuietHours(DateTimeOffset at, TimeZoneInfo zone, TimeOnly start, TimeOnly end) =>
        InQuietHours(TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(at, zone).TimeOfDay), start, end);

    public static bool InQuietHours(TimeOnly local, TimeOnly start, TimeOnly end) =>
        start < end ? local >= start && local < end : local >= start || local < end;

    private void Note(string violation)
    {
        if (Examples.Count < 10) Examples.Add(violation);
    }
}
