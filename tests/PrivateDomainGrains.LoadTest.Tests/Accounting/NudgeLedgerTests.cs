using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class NudgeLedgerTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private static readonly Dictionary<string, string> Owners = new() { ["c1"] = "alice", ["c2"] = "bob" };
    private static readonly IReadOnlySet<string> Watched = new HashSet<string> { "alice", "bob" };

    private static SentEvent Sent(string id, string customer, EventOutcome outcome = EventOutcome.Accepted) =>
        new(id, customer, "message.received", null, 10 * Ms, 20 * Ms, Measured: true, outcome);

    private static NudgeArrival Arrived(string eventId, string console, int consoleIndex = 0) =>
        new($"n-{eventId}", eventId, "reply", console, console, consoleIndex, 30 * Ms);

    private static StoredNudge Row(string eventId, string staff, bool open) => new($"n-{eventId}", staff, "c1", eventId, "reply", 15 * Ms, open);

    [Fact]
    public void Expected_nudges_come_from_the_journal_so_a_retried_batch_that_came_back_duplicate_still_expects_its_nudges()
    {
        var r = NudgeLedger.Reconcile([Sent("e1", "c1", EventOutcome.Duplicate), Sent("e2", "c1", EventOutcome.Failed), Sent("e3", "c1", EventOutcome.Failed)],
            journal: new HashSet<string> { "e1", "e2" }, Owners, Watched, [Arrived("e1", "alice"), Arrived("e2", "alice")], []);

        Assert.Equal((2L, 2L, 0L, 0L), (r.Arrivals.Expected, r.Arrivals.Received, r.Arrivals.Unexpected, r.Lost));
    }

    [Fact]
    public void An_undelivered_nudge_still_open_in_the_inbox_is_held_and_one_with_no_open_row_is_lost()
    {
        var r = NudgeLedger.Reconcile([Sent("held", "c1"), Sent("no-row", "c1"), Sent("closed", "c1"), Sent("seen", "c1")],
            journal: new HashSet<string> { "held", "no-row", "closed", "seen" }, Owners, Watched, [Arrived("seen", "alice")],
            [Row("held", "alice", open: true), Row("closed", "alice", open: false), Row("seen", "alice", open: false)]);

        Assert.Equal((4L, 1L), (r.Arrivals.Expected, r.Arrivals.Received));
        Assert.Equal((1L, 1L, 1L, 2L), (r.HeldOpen, r.LostWithoutRow, r.LostClosedUnseen, r.Lost));
        Assert.Equal(["no-row", "closed"], r.LostSample);
        Assert.Equal(["held"], r.HeldSample);
    }

    [Fact]
    public void A_nudge_on_someone_elses_console_is_misrouted_and_its_owner_still_misses_it()
    {
        var r = NudgeLedger.Reconcile([Sent("e1", "c1")], new HashSet<string> { "e1" }, Owners, Watched, [Arrived("e1", "bob", consoleIndex: 1)],
            [Row("e1", "alice", open: false)]);

        Assert.Equal((1L, 1L), (r.Arrivals.Misrouted, r.LostClosedUnseen));
    }
}
