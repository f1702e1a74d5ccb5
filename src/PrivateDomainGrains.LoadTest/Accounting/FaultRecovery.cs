namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// What each fault did to the consoles and the API. Pure.
/// <para>
/// A fault's window runs from its injection to the next fault's (or the end of the run). The consoles connected at the
/// injection are split into those on the lost node (for a kill or stop; they must reconnect elsewhere) and those on
/// surviving nodes (all of them for a PostgreSQL restart). A console's <b>silence after the fault</b> is the longest
/// stretch of the window during which a nudge raised in the window for its staff member was waiting for it (raised, not
/// yet on that console) and no nudge raised in the window arrived on it: time spent disconnected counts, and a nudge
/// that never arrives waits to the end of the window. A console that got none of the window's nudges has <b>not
/// resumed</b>. Consoles whose staff member got no nudge in the window are left out.
/// </para>
/// </summary>
public static class FaultRecovery
{
    /// <summary>The targets: consoles on a surviving node silent at most 2 s after a node loss, reconnected ones 10 s.</summary>
    public static readonly TimeSpan SurvivingTarget = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LostNodeTarget = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<FaultSummary> Summarise(
        IReadOnlyList<FaultRecord> faults,
        IReadOnlyList<ConsoleSession> sessions,
        IReadOnlyList<NudgeArrival> arrivals,
        IReadOnlyList<StoredNudge> nudges,
        IReadOnlyList<RequestAttempt> requests,
        IReadOnlyList<SentEvent> events,
        long endTicks)
    {
        var created = nudges.GroupBy(n => n.NudgeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().CreatedTicks, StringComparer.Ordinal);
        var byStaff = nudges.ToLookup(n => n.StaffId, StringComparer.Ordinal);
        var byConsole = arrivals.ToLookup(a => a.ConsoleIndex);
        var sessionsByConsole = sessions.ToLookup(s => s.Console);
        var ordered = faults.OrderBy(f => f.AtTicks).ToArray();
        var summaries = new List<FaultSummary>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var fault = ordered[i];
            var windowEnd = i + 1 < ordered.Length ? ordered[i + 1].AtTicks : endTicks;
            var lost = new List<ConsoleRecovery>();
            var surviving = new List<ConsoleRecovery>();
            var disconnected = 0;
            foreach (var console in sessionsByConsole)
            {
                var before = console.FirstOrDefault(s => s.Covers(fault.AtTicks));
                if (before is null)
                {
                    disconnected++;
                    continue;
                }
                var onLostNode = fault.LosesNode && before.Node == fault.Node;
                var recovery = Recover(console.Key, before, console.OrderBy(s => s.StartTicks).ToArray(), byStaff[before.Staff], byConsole[console.Key],
                    created, fault.AtTicks, windowEnd);
                (onLostNode ? lost : surviving).Add(recovery);
            }
            var inWindow = requests.Where(r => r.AtTicks >= fault.AtTicks && r.AtTicks < windowEnd).ToArray();
            var failures = inWindow.Where(r => r.Status != 200).ToArray();
            var due = events.Where(e => e.DueTicks >= fault.AtTicks && e.DueTicks < windowEnd).ToArray();
            var acked = due.Where(e => e.Acknowledged).ToArray();
            summaries.Add(new FaultSummary(
                fault,
                windowEnd - fault.AtTicks,
                Group(surviving, fault.LosesNode ? SurvivingTarget : null),
                Group(lost, fault.LosesNode ? LostNodeTarget : null),
                disconnected,
                failures.GroupBy(r => (r.Call, r.Outcome)).Select(g => new StatusCount(g.Key.Call, g.Key.Outcome, g.LongCount()))
                    .OrderBy(c => c.Call, StringComparer.Ordinal).ThenBy(c => c.Outcome, StringComparer.Ordinal).ToArray(),
                failures.Length == 0 ? null : failures.Min(r => r.AtTicks) - fault.AtTicks,
                failures.Length == 0 ? null : failures.Max(r => r.AtTicks) - fault.AtTicks,
                due.Length,
                due.Length - acked.Length,
                acked.Length == 0 ? null : acked.Max(e => e.AnsweredTicks - e.DueTicks)));
        }
        return summaries;
    }

    private static ConsoleRecovery Recover(int console, ConsoleSession before, ConsoleSession[] sessions, IEnumerable<StoredNudge> staffNudges,
        IEnumerable<NudgeArrival> consoleArrivals, Dictionary<string, long> created, long at, long windowEnd)
    {
        long? reconnect = null;
        string? nodeAfter = before.Node;
        if (before.EndTicks is { } dropped && dropped < windowEnd)
        {
            var next = sessions.FirstOrDefault(s => s.StartTicks >= dropped);
            nodeAfter = next?.Node;
            reconnect = next is null ? null : next.StartTicks - dropped;
        }
        var raised = staffNudges.Where(n => n.CreatedTicks >= at && n.CreatedTicks < windowEnd).ToArray();
        if (raised.Length == 0) return new ConsoleRecovery(console, before.Staff, before.Node, nodeAfter, reconnect, null, NudgesOwed: false, Resumed: false);
        var arrived = consoleArrivals
            .Where(a => a.ArrivedTicks >= at && a.ArrivedTicks < windowEnd && created.TryGetValue(a.NudgeId, out var c) && c >= at && c < windowEnd)
            .ToArray();
        var firstArrival = arrived.GroupBy(a => a.NudgeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(a => a.ArrivedTicks), StringComparer.Ordinal);
        var owed = raised.Select(n => (n.CreatedTicks, firstArrival.TryGetValue(n.NudgeId, out var t) ? Math.Max(t, n.CreatedTicks) : windowEnd)).ToArray();
        var stretch = SilentStretch.Longest(at, windowEnd, arrived.Select(a => a.ArrivedTicks), owed);
        return new ConsoleRecovery(console, before.Staff, before.Node, nodeAfter, reconnect, stretch is { } s ? s.To - s.From : 0,
            NudgesOwed: true, Resumed: arrived.Length > 0);
    }

    private static GroupRecovery Group(List<ConsoleRecovery> consoles, TimeSpan? target)
    {
        var owed = consoles.Where(c => c.NudgesOwed).ToArray();
        var silences = owed.Select(c => c.SilenceTicks!.Value).Order().ToArray();
        var reconnects = consoles.Where(c => c.ReconnectTicks is not null).Select(c => c.ReconnectTicks!.Value).ToArray();
        var dropped = consoles.Count(c => c.ReconnectTicks is not null || c.NodeAfter != c.NodeBefore);
        return new GroupRecovery(
            consoles.Count,
            owed.Length,
            owed.Count(c => !c.Resumed),
            silences.Length == 0 ? null : silences[^1],
            silences.Length == 0 ? null : Percentile.NearestRank(silences, 50),
            target is { } t ? owed.Count(c => !c.Resumed || c.SilenceTicks > t.Ticks) : null,
            target?.Ticks,
            dropped,
            dropped - reconnects.Length,
            reconnects.Length == 0 ? null : reconnects.Max(),
            consoles.OrderBy(c => c.Console).ToArray());
    }
}

/// <param name="ReconnectTicks">From the drop of the connection that was up at the fault to the next connection (null: it did not drop in the window, or never came back).</param>
/// <param name="SilenceTicks">The longest silence after the fault (see <see cref="FaultRecovery"/>); null when no nudge was owed in the window.</param>
public sealed record ConsoleRecovery(int Console, string Staff, string NodeBefore, string? NodeAfter, long? ReconnectTicks, long? SilenceTicks, bool NudgesOwed, bool Resumed);

/// <param name="Consoles">Connected at the fault in this group.</param>
/// <param name="WithNudges">Of those, whose staff member got a nudge in the window.</param>
/// <param name="NotResumed">Got none of the window's nudges before the window ended.</param>
/// <param name="OverTarget">Silent longer than the target, or not resumed (null: no target for this fault kind).</param>
/// <param name="Dropped">Whose connection dropped in the window.</param>
/// <param name="NotReconnected">Of those, not connected again before the window ended.</param>
/// <param name="MaxReconnectTicks">The longest drop-to-next-connection of those that came back.</param>
public sealed record GroupRecovery(
    int Consoles,
    int WithNudges,
    int NotResumed,
    long? MaxSilenceTicks,
    long? MedianSilenceTicks,
    int? OverTarget,
    long? TargetTicks,
    int Dropped,
    int NotReconnected,
    long? MaxReconnectTicks,
    IReadOnlyList<ConsoleRecovery> Detail);

/// <param name="WindowTicks">From this fault to the next (or the end of the run).</param>
/// <param name="ConsolesDisconnected">Consoles not connected at the fault (still reconnecting from an earlier one).</param>
/// <param name="HttpFailures">Requests in the window that did not get a 200, by call and status (or transport failure).</param>
/// <param name="FirstFailureAfterTicks">From the fault to the first such request; null: none failed.</param>
/// <param name="EventsDue">Events scheduled in the window.</param>
/// <param name="EventsUnacknowledged">Of those, never acknowledged (retries exhausted).</param>
/// <param name="MaxAckTicks">The longest scheduled-to-acknowledged time of those (retries included).</param>
public sealed record FaultSummary(
    FaultRecord Fault,
    long WindowTicks,
    GroupRecovery Surviving,
    GroupRecovery LostNode,
    int ConsolesDisconnected,
    IReadOnlyList<StatusCount> HttpFailures,
    long? FirstFailureAfterTicks,
    long? LastFailureAfterTicks,
    long EventsDue,
    long EventsUnacknowledged,
    long? MaxAckTicks);

/// <summary>How many requests of one call ended one way (an HTTP status, or a transport failure such as "connection refused").</summary>
public sealed record StatusCount(string Call, string Outcome, long Count);
