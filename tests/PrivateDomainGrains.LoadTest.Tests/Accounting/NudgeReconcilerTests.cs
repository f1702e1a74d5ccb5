using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class NudgeReconcilerTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private static readonly IReadOnlySet<string> Watched = new HashSet<string> { "alice", "bob" };
    private static readonly Dictionary<string, string> Owners = new() { ["c1"] = "alice", ["c2"] = "bob", ["c3"] = "carol" };

    private static SentEvent Sent(string id, string customer, string type, long dueMs = 0, EventOutcome outcome = EventOutcome.Accepted,
        bool measured = true, string? staff = null) =>
        new(id, customer, type, staff, dueMs * Ms, dueMs * Ms + Ms, measured, outcome);

    private static NudgeArrival Arrived(string eventId, string kind, string console, long atMs, int consoleIndex = 0, string? nudgeId = null) =>
        new(nudgeId ?? $"n-{eventId}", eventId, kind, console, console, consoleIndex, atMs * Ms);

    private static NudgeReconciliation Reconcile(SentEvent[] events, params NudgeArrival[] arrivals) =>
        NudgeReconciler.Reconcile(events, Owners, Watched, arrivals);

    [Fact]
    public void Each_rule_expects_one_nudge_of_its_kind_and_other_events_none()
    {
        var r = Reconcile(
        [
            Sent("e1", "c1", "friend.added"), Sent("e2", "c1", "message.received"), Sent("e3", "c2", "friend.deleted"),
            Sent("e4", "c1", "message.sent"), Sent("e5", "c1", "order.paid"), Sent("e6", "c2", "page.viewed"),
            Sent("e7", "c2", "moment.liked"), Sent("e8", "c2", "group.joined"),
        ],
            Arrived("e1", "welcome", "alice", 5), Arrived("e2", "reply", "alice", 6), Arrived("e3", "customer-lost", "bob", 7));
        Assert.Equal((3L, 3L, 0L), (r.Expected, r.Received, r.Lost));
        Assert.Equal(0, r.Duplicates + r.Misrouted + r.WrongKind + r.Unexpected + r.OutsideMeasurement);
    }

    [Fact]
    public void A_reply_answered_after_a_later_event_of_its_customer_was_sent_may_rightly_be_absent_and_is_neither_lost_nor_unexpected()
    {
        // e1 (at 100 ms) was retried and answered at 500 ms; the owner's message e2 (at 200 ms) went out before that,
        // so the server may have applied e2 first, and then e1's reply was already answered: event time decides. e3's
        // customer had a later event out before e3's answer too, but it failed: the server never stored it.
        var late = Sent("e1", "c1", "message.received", dueMs: 100) with { AnsweredTicks = 500 * Ms };
        var answered = Sent("e2", "c1", "message.sent", dueMs: 200, staff: "alice");
        var inOrder = Sent("e3", "c2", "message.received", dueMs: 100) with { AnsweredTicks = 500 * Ms };
        var refusedMeanwhile = Sent("e5", "c2", "message.sent", dueMs: 200, outcome: EventOutcome.Failed, staff: "bob");
        var afterItsAnswer = Sent("e4", "c2", "message.sent", dueMs: 600, staff: "bob");

        var absent = Reconcile([late, answered, inOrder, refusedMeanwhile, afterItsAnswer]);
        Assert.Equal((1L, 1L, 1L), (absent.Reordered, absent.Expected, absent.Lost));
        Assert.Equal(["e3"], absent.Missing);

        var arrived = Reconcile([late, answered, inOrder, refusedMeanwhile, afterItsAnswer], Arrived("e1", "reply", "alice", 450), Arrived("e3", "reply", "bob", 150));
        Assert.Equal((1L, 1L, 0L, 0L), (arrived.Expected, arrived.Received, arrived.Lost, arrived.Unexpected));
    }

    [Fact]
    public void Latency_runs_from_the_scheduled_send_time_to_the_first_arrival()
    {
        var r = Reconcile([Sent("e1", "c1", "message.received", dueMs: 100)],
            Arrived("e1", "reply", "alice", 130, consoleIndex: 0), Arrived("e1", "reply", "alice", 125, consoleIndex: 1));
        Assert.Equal([new NudgeDelivery("e1", 125 * Ms, 25 * Ms)], r.Deliveries);
        Assert.Equal(1, r.ExtraCopies);
        Assert.Equal(0, r.Duplicates);
    }

    [Fact]
    public void Missing_nudges_are_lost_and_sampled_in_schedule_order()
    {
        var r = Reconcile([Sent("e2", "c1", "message.received", 20), Sent("e1", "c2", "message.received", 10), Sent("e3", "c1", "message.received", 30)],
            Arrived("e3", "reply", "alice", 40));
        Assert.Equal((3L, 1L, 2L), (r.Expected, r.Received, r.Lost));
        Assert.Equal(["e1", "e2"], r.LostSample);
    }

    [Fact]
    public void The_same_nudge_twice_on_one_console_is_a_duplicate_whatever_its_nudge_id()
    {
        var r = Reconcile([Sent("e1", "c1", "message.received")],
            Arrived("e1", "reply", "alice", 5), Arrived("e1", "reply", "alice", 6), Arrived("e1", "reply", "alice", 7, nudgeId: "replayed-under-new-id"));
        Assert.Equal((1L, 0L, 2L), (r.Received, r.Lost, r.Duplicates));
    }

    [Fact]
    public void A_nudge_replayed_on_a_later_connection_before_its_ack_was_confirmed_is_not_a_duplicate()
    {
        var r = Reconcile([Sent("e1", "c1", "message.received")],
            Arrived("e1", "reply", "alice", 5) with { Connection = "first" }, Arrived("e1", "reply", "alice", 9) with { Connection = "after-reconnect" });
        Assert.Equal((1L, 0L, 1L), (r.Received, r.Duplicates, r.ReplayedWhileOpen));
    }

    [Fact]
    public void A_nudge_pushed_again_on_its_connection_or_after_its_confirmed_ack_is_a_duplicate_as_in_the_chaos_figures()
    {
        NudgeArrival[] arrivals =
        [
            Arrived("e1", "reply", "alice", 5) with { Connection = "first" }, Arrived("e1", "reply", "alice", 6) with { Connection = "first" },
            Arrived("e2", "reply", "alice", 5) with { Connection = "first" }, Arrived("e2", "reply", "alice", 9) with { Connection = "after-reconnect" },
        ];
        AckConfirmation[] acks = [new(0, "n-e2", 7 * Ms)];

        var r = NudgeReconciler.Reconcile([Sent("e1", "c1", "message.received"), Sent("e2", "c1", "message.received")], Owners, Watched, arrivals, acks: acks);

        var chaos = Redeliveries.Classify(arrivals, acks);
        Assert.Equal((2L, 0L), (r.Duplicates, r.ReplayedWhileOpen));
        Assert.Equal(chaos.Duplicated, r.Duplicates);
    }

    [Fact]
    public void A_nudge_on_another_staff_members_console_is_misrouted_and_does_not_count_as_received()
    {
        var r = Reconcile([Sent("e1", "c1", "message.received")], Arrived("e1", "reply", "bob", 5));
        Assert.Equal((1L, 0L, 1L, 1L), (r.Expected, r.Received, r.Lost, r.Misrouted));
    }

    [Fact]
    public void A_nudge_of_the_wrong_kind_is_counted_as_such()
    {
        var r = Reconcile([Sent("e1", "c1", "message.received")], Arrived("e1", "welcome", "alice", 5));
        Assert.Equal((1L, 1L), (r.WrongKind, r.Lost));
    }

    [Theory]
    [InlineData(EventOutcome.Rejected)]
    [InlineData(EventOutcome.Failed)]
    [InlineData(EventOutcome.Duplicate)]
    [InlineData(EventOutcome.Ambiguous)]
    public void Only_accepted_events_are_expected_to_raise_nudges(EventOutcome outcome)
    {
        var r = Reconcile([Sent("e1", "c1", "message.received", outcome: outcome)], Arrived("e1", "reply", "alice", 5));
        Assert.Equal((0L, 0L, 1L), (r.Expected, r.Lost, r.Unexpected));
    }

    [Fact]
    public void A_nudge_for_an_event_that_raises_none_is_unexpected()
    {
        var r = Reconcile([Sent("e1", "c1", "order.paid")], Arrived("e1", "reply", "alice", 5));
        Assert.Equal((0L, 1L), (r.Expected, r.Unexpected));
    }

    [Fact]
    public void Owners_without_a_console_are_unobserved_not_lost()
    {
        var r = Reconcile([Sent("e1", "c3", "message.received"), Sent("e2", "c1", "message.received")], Arrived("e2", "reply", "alice", 5));
        Assert.Equal((1L, 0L, 1L), (r.Expected, r.Lost, r.Unobserved));
    }

    [Fact]
    public void Customers_without_an_owner_raise_nothing()
    {
        var r = Reconcile([Sent("e1", "c9", "message.received"), Sent("e2", "c9", "friend.deleted")]);
        Assert.Equal((0L, 0L), (r.Expected, r.Unobserved));
    }

    [Fact]
    public void A_friend_added_gives_an_ownerless_customer_its_owner_and_its_own_welcome()
    {
        var r = Reconcile([Sent("e0", "c9", "message.received"), Sent("e1", "c9", "friend.added", staff: "bob"), Sent("e2", "c9", "message.received")],
            Arrived("e1", "welcome", "bob", 5), Arrived("e2", "reply", "bob", 6));
        Assert.Equal((2L, 2L), (r.Expected, r.Received));
    }

    [Fact]
    public void The_first_owner_sticks()
    {
        var r = Reconcile([Sent("e1", "c1", "friend.added", staff: "bob"), Sent("e2", "c1", "message.received")],
            Arrived("e1", "welcome", "alice", 5), Arrived("e2", "reply", "alice", 6));
        Assert.Equal((2L, 2L, 0L), (r.Expected, r.Received, r.Misrouted));
    }

    [Fact]
    public void Warm_up_and_rejected_friend_added_events_still_decide_ownership_only_when_the_server_has_them()
    {
        var r = Reconcile(
        [
            Sent("w1", "c8", "friend.added", staff: "alice", measured: false),
            Sent("x1", "c9", "friend.added", staff: "alice", outcome: EventOutcome.Rejected, measured: false),
            Sent("e1", "c8", "message.received"), Sent("e2", "c9", "message.received"),
        ]);
        Assert.Equal(1, r.Expected);
    }

    [Fact]
    public void Arrivals_outside_the_measurement_are_set_aside()
    {
        var r = Reconcile([Sent("w1", "c1", "message.received", measured: false), Sent("e1", "c1", "message.received")],
            Arrived("w1", "reply", "alice", 1), Arrived("p-c-1", "welcome", "alice", 1), Arrived("e1", "reply", "alice", 2),
            new NudgeArrival("n-x", null, "reply", "alice", "alice", 0, 3));
        Assert.Equal((1L, 1L, 3L), (r.Expected, r.Received, r.OutsideMeasurement));
    }

    [Fact]
    public void Arrival_before_the_acknowledgement_still_matches_and_never_has_negative_latency()
    {
        var r = Reconcile([Sent("e1", "c1", "message.received", dueMs: 50)], Arrived("e1", "reply", "alice", 49));
        Assert.Equal(0, r.Deliveries.Single().LatencyTicks);
    }
    [Fact]
    public void After_a_handover_the_moved_customers_nudges_belong_to_the_new_owner_and_before_it_completes_to_either()
    {
        var handover = new HandoverWindow("alice", "bob", StartTicks: 100 * Ms, CompletedTicks: 200 * Ms);
        var r = NudgeReconciler.Reconcile(
        [
            Sent("before", "c1", "message.received", dueMs: 50), Sent("during", "c1", "message.received", dueMs: 150),
            Sent("after-1", "c1", "message.received", dueMs: 250), Sent("after-2", "c1", "message.received", dueMs: 300),
            Sent("bobs-own", "c2", "message.received", dueMs: 300),
        ], Owners, Watched,
        [
            Arrived("before", "reply", "alice", 60), Arrived("before", "reply", "bob", 150, consoleIndex: 1), // still open, so it moved
            Arrived("during", "reply", "bob", 160, consoleIndex: 1),
            Arrived("after-1", "reply", "bob", 260, consoleIndex: 1), Arrived("after-2", "reply", "alice", 310),
            Arrived("bobs-own", "reply", "bob", 310, consoleIndex: 1),
        ], handover);

        Assert.Equal((5L, 4L, 1L, 1L), (r.Expected, r.Received, r.Misrouted, r.ExtraCopies));
        Assert.Equal(new HandoverNudges(Expected: 2, Received: 1, Misrouted: 1), r.AfterHandover);
        Assert.Equal(["after-2"], r.LostSample);
    }

    [Fact]
    public void A_handover_that_never_completed_leaves_the_moved_customers_nudges_to_either_owner()
    {
        var r = NudgeReconciler.Reconcile([Sent("late", "c1", "message.received", dueMs: 900)], Owners, Watched,
            [Arrived("late", "reply", "bob", 910)], new HandoverWindow("alice", "bob", 100 * Ms, CompletedTicks: null));

        Assert.Equal((1L, 1L, 0L), (r.Expected, r.Received, r.Misrouted));
        Assert.Null(r.AfterHandover);
    }

    [Fact]
    public void Backfilled_events_expect_no_nudge_and_one_that_comes_is_unexpected()
    {
        var r = Reconcile(
        [
            Sent("e1", "c1", "message.received") with { Backfill = true },
            Sent("e2", "c2", "friend.deleted") with { Backfill = true },
        ],
            Arrived("e2", "customer-lost", "bob", 7));
        Assert.Equal((0L, 1L), (r.Expected, r.Unexpected));
    }
}
