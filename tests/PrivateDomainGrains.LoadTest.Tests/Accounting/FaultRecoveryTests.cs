using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class FaultRecoveryTests
{
    private const long S = TimeSpan.TicksPerSecond;

    private static ConsoleSession Session(int console, string staff, string node, double fromS, double? toS, int session = 1) =>
        new(console, staff, $"conn-{session}", node, (long)(fromS * S), toS is { } t ? (long)(t * S) : null);

    private static StoredNudge Raised(string id, string staff, double atS) => new(id, staff, "c1", "e-" + id, "reply", (long)(atS * S), Open: false);

    private static NudgeArrival Arrived(string id, string staff, int console, double atS, int session = 1) =>
        new(id, "e-" + id, "reply", staff, staff, console, (long)(atS * S), Connection: $"conn-{session}");

    private static readonly FaultRecord KillNodeA = new(1, FaultKind.Kill, "node-a", 10 * S, 10 * S, 20 * S);

    private static FaultSummary Summarise(ConsoleSession[] sessions, NudgeArrival[] arrivals, StoredNudge[] nudges,
        RequestAttempt[]? requests = null, SentEvent[]? events = null, FaultRecord? fault = null) =>
        FaultRecovery.Summarise([fault ?? KillNodeA], sessions, arrivals, nudges, requests ?? [], events ?? [], 40 * S).Single();

    [Fact]
    public void Consoles_on_the_lost_node_are_told_apart_from_those_on_surviving_nodes()
    {
        var f = Summarise(
            [Session(0, "alice", "node-a", 0, 10.1), Session(0, "alice", "node-b", 11.5, null, session: 2), Session(1, "bob", "node-b", 0, null)],
            [Arrived("a1", "alice", 0, 11.6, session: 2), Arrived("b1", "bob", 1, 10.3)],
            [Raised("a1", "alice", 10.5), Raised("b1", "bob", 10.2)]);

        Assert.Equal((1, 1), (f.LostNode.Consoles, f.Surviving.Consoles));
        var alice = f.LostNode.Detail.Single();
        Assert.Equal(("node-a", "node-b", (long?)(1.4 * S)), (alice.NodeBefore, alice.NodeAfter, alice.ReconnectTicks));
        // Owed from its creation at 10.5 s until the replay on the new connection at 11.6 s.
        Assert.Equal((long)(1.1 * S), f.LostNode.MaxSilenceTicks);
        Assert.Equal(0, f.LostNode.OverTarget);
        Assert.Equal((1, 0), (f.LostNode.Dropped, f.LostNode.NotReconnected));
        Assert.Equal((long)(0.1 * S), f.Surviving.MaxSilenceTicks);
    }

    [Fact]
    public void A_surviving_console_that_gets_one_nudge_and_then_nothing_for_the_rest_of_the_window_is_silent_that_long()
    {
        var f = Summarise([Session(1, "bob", "node-b", 0, null)],
            [Arrived("b1", "bob", 1, 10.3)],
            [Raised("b1", "bob", 10.2), Raised("b2", "bob", 12), Raised("b3", "bob", 13)]);

        // b2 waits from 12 s to the end of the window at 40 s.
        Assert.Equal(28 * S, f.Surviving.MaxSilenceTicks);
        Assert.Equal((1, 0), (f.Surviving.OverTarget, f.Surviving.NotResumed));
        Assert.Equal(FaultRecovery.SurvivingTarget.Ticks, f.Surviving.TargetTicks);
    }

    [Fact]
    public void A_console_that_gets_none_of_the_windows_nudges_has_not_resumed_and_one_with_none_owed_is_left_out()
    {
        var f = Summarise([Session(1, "bob", "node-b", 0, null), Session(2, "carol", "node-b", 0, null)],
            [Arrived("old", "bob", 1, 11)], [Raised("old", "bob", 9), Raised("b1", "bob", 15)]);

        Assert.Equal((2, 1, 1), (f.Surviving.Consoles, f.Surviving.WithNudges, f.Surviving.NotResumed));
        Assert.Equal(25 * S, f.Surviving.MaxSilenceTicks);
    }

    [Fact]
    public void A_postgres_restart_loses_no_node_so_every_console_survives_and_no_target_applies()
    {
        var pg = new FaultRecord(2, FaultKind.PostgresRestart, null, 10 * S, 11 * S, 14 * S);
        var f = Summarise([Session(0, "alice", "node-a", 0, null)], [Arrived("a1", "alice", 0, 10.5)], [Raised("a1", "alice", 10.4)], fault: pg);

        Assert.Equal((1, 0), (f.Surviving.Consoles, f.LostNode.Consoles));
        Assert.Null(f.Surviving.OverTarget);
    }

    [Fact]
    public void Each_window_ends_at_the_next_fault_and_its_http_failures_and_events_are_its_own()
    {
        var second = new FaultRecord(2, FaultKind.PostgresRestart, null, 25 * S, 26 * S, 28 * S);
        RequestAttempt Attempt(double atS, int? status, string? failure = null) => new((long)(atS * S), "events", "node-b", status, failure);
        SentEvent Event(double dueS, double? answeredS) =>
            new("e", "c1", "page.viewed", null, (long)(dueS * S), answeredS is { } a ? (long)(a * S) : 0, true, answeredS is null ? EventOutcome.Failed : EventOutcome.Accepted);

        var summaries = FaultRecovery.Summarise([second, KillNodeA], [], [], [],
            [Attempt(9, 200), Attempt(10.5, null, "connection refused"), Attempt(11, 500), Attempt(16, 500), Attempt(17, 200), Attempt(26, 503)],
            [Event(12, 17), Event(13, null), Event(26, 27)], 40 * S);

        var kill = summaries[0];
        Assert.Equal((1, 15 * S), (kill.Fault.Number, kill.WindowTicks));
        Assert.Equal([new StatusCount("events", "500", 2), new StatusCount("events", "connection refused", 1)], kill.HttpFailures);
        Assert.Equal(((long?)(S / 2), (long?)(6 * S)), (kill.FirstFailureAfterTicks, kill.LastFailureAfterTicks));
        Assert.Equal((2L, 1L, (long?)(5 * S)), (kill.EventsDue, kill.EventsUnacknowledged, kill.MaxAckTicks));
        Assert.Equal([new StatusCount("events", "503", 1)], summaries[1].HttpFailures);
    }
}
