namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// How long connected consoles went without the nudges they were owed. Pure.
/// <para>
/// A nudge is <b>owed</b> to a console when the console is logged in as the nudge's staff member and one of its
/// connections (<see cref="ConsoleSession"/>) was up at the nudge's creation (created_at in <c>pdg_nudges</c>: when the
/// customer grain raised it). Its <b>wait</b> runs from creation to its arrival on that same connection; if the
/// connection dropped first, the wait ends at the drop (the reconnect is measured per fault instead), and if it never
/// came, at the end of the run. A <b>silence</b> is a stretch of a connection during which it was owed at least one
/// nudge and received nothing at all: it starts at the later of the last arrival and the creation of the oldest
/// nudge then owed, and ends at the next arrival (or the drop, or the end).
/// </para>
/// </summary>
public static class ConsoleSilence
{
    /// <param name="nudges">The tenant's nudges as stored; only those created in [<paramref name="fromTicks"/>, <paramref name="toTicks"/>) count.</param>
    /// <param name="toTicks">The end of the observation (when the run stopped watching); open connections end there.</param>
    public static SilenceResult Analyse(
        IReadOnlyList<ConsoleSession> sessions, IReadOnlyList<NudgeArrival> arrivals, IReadOnlyList<StoredNudge> nudges, long fromTicks, long toTicks)
    {
        var byStaff = nudges.Where(n => n.CreatedTicks >= fromTicks && n.CreatedTicks < toTicks)
            .ToLookup(n => n.StaffId, StringComparer.Ordinal);
        var arrivalsBySession = arrivals.ToLookup(a => (a.ConsoleIndex, a.Connection));
        var waits = new List<long>();
        ConsoleWait? longestWait = null;
        ConsoleGap? longestGap = null;
        long owedCount = 0, undelivered = 0;
        foreach (var session in sessions)
        {
            var end = Math.Min(session.EndTicks ?? toTicks, toTicks);
            if (end <= session.StartTicks) continue;
            var received = arrivalsBySession[(session.Console, session.Connection)].ToArray();
            var firstArrival = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var a in received)
            {
                if (!firstArrival.TryGetValue(a.NudgeId, out var t) || a.ArrivedTicks < t) firstArrival[a.NudgeId] = a.ArrivedTicks;
            }
            var owed = new List<(long Created, long Done)>();
            foreach (var n in byStaff[session.Staff])
            {
                if (n.CreatedTicks < session.StartTicks || n.CreatedTicks >= end) continue;
                var arrived = firstArrival.TryGetValue(n.NudgeId, out var at) && at < end;
                var done = arrived ? Math.Max(at, n.CreatedTicks) : end;
                if (!arrived) undelivered++;
                owed.Add((n.CreatedTicks, done));
                var wait = new ConsoleWait(session.Console, session.Staff, session.Node, n.NudgeId, n.CreatedTicks, done - n.CreatedTicks, arrived);
                waits.Add(wait.WaitTicks);
                if (longestWait is null || wait.WaitTicks > longestWait.WaitTicks) longestWait = wait;
            }
            owedCount += owed.Count;
            if (SilentStretch.Longest(session.StartTicks, end, received.Select(a => a.ArrivedTicks), owed) is { } stretch
                && (longestGap is null || stretch.To - stretch.From > longestGap.Ticks))
                longestGap = new ConsoleGap(session.Console, session.Staff, session.Node, stretch.From, stretch.To);
        }
        var histogram = LatencyHistograms.FromTicks(waits);
        return new SilenceResult(
            owedCount,
            owedCount - undelivered,
            undelivered,
            LatencySummary.From(histogram),
            waits.Count(w => w > TimeSpan.TicksPerSecond * 2),
            waits.Count(w => w > TimeSpan.TicksPerSecond * 10),
            longestWait,
            longestGap);
    }
}

/// <summary>One owed nudge's wait on one console connection; <see cref="Arrived"/> false: it ended at the drop or the end of the run.</summary>
public sealed record ConsoleWait(int Console, string Staff, string Node, string NudgeId, long CreatedTicks, long WaitTicks, bool Arrived);

/// <summary>A stretch during which a connected console was owed a nudge and received nothing.</summary>
public sealed record ConsoleGap(int Console, string Staff, string Node, long FromTicks, long ToTicks)
{
    public long Ticks => ToTicks - FromTicks;
}

/// <param name="Owed">(console connection, nudge) pairs owed.</param>
/// <param name="ArrivedOnTheConnection">Of those, received on the connection that was up at creation.</param>
/// <param name="NotWhileConnected">Of those, not received before that connection dropped or the run ended.</param>
/// <param name="Waits">Creation to arrival (or drop, or end) over all owed pairs.</param>
public sealed record SilenceResult(
    long Owed,
    long ArrivedOnTheConnection,
    long NotWhileConnected,
    LatencySummary Waits,
    long WaitsOver2Seconds,
    long WaitsOver10Seconds,
    ConsoleWait? LongestWait,
    ConsoleGap? LongestGap);
