using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>
/// Events are folded by event time, not arrival: a late event takes its place, and a nudge it would raise is not
/// raised when, had the events arrived in order, it would already be closed again.
/// </summary>
public sealed class EventTimeTests
{
    private static readonly DateTimeOffset At0300 = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private static CustomerEvent E(string id, string type, DateTimeOffset at, string? staff, string? text = null,
        IReadOnlyDictionary<string, string>? data = null) => new(id, "c-ooo", type, at, "wecom", staff, text, data);

    private static Decision Apply(CompiledPlaybook p, CustomerProfile c, CustomerEvent e, bool history = false) =>
        DecisionEngine.Decide(p, c, EngineInput.FromEvent(e, history: history), new DecisionContext(e.At));

    private static CustomerProfile New() => new() { CustomerId = "c-ooo" };

    private static IEnumerable<SentNudge> Open(CustomerProfile c) => c.Engine.RecentNudges?.Where(n => n.Open) ?? [];

    [Fact]
    public void A_deletion_that_arrives_before_the_earlier_add_leaves_the_customer_lost_and_sends_no_welcome()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("oo-del", EventTypes.FriendDeleted, At0300.AddMinutes(10), "carol"));
        var added = Apply(CompiledPlaybook.Default, c, E("oo-add", EventTypes.FriendAdded, At0300, "carol"));

        Assert.Equal(CustomerStatus.Lost, c.Status);
        Assert.Empty(added.Raised);
        var welcome = Assert.Single(added.Candidates, x => x.Nudge.Kind == NudgeKinds.Welcome);
        Assert.Equal(Verdict.Suppressed, welcome.Verdict);
        Assert.StartsWith("already obsolete: carol deleted at", welcome.Policy);
        Assert.Equal("carol", c.OwnerStaffId);
    }

    [Fact]
    public void In_order_the_same_events_raise_the_welcome_and_then_close_it_as_obsolete()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("oo-add", EventTypes.FriendAdded, At0300, "carol"));
        var deleted = Apply(CompiledPlaybook.Default, c, E("oo-del", EventTypes.FriendDeleted, At0300.AddMinutes(10), "carol"));

        Assert.Equal(CustomerStatus.Lost, c.Status);
        Assert.Contains(deleted.Closed, x => x.How == NudgeClosings.Obsolete);
        Assert.Equal([NudgeKinds.CustomerLost], Open(c).Select(n => n.Source));
    }

    [Fact]
    public void An_add_that_arrives_after_a_later_deletion_does_not_revive_the_relationship_but_a_later_add_does()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("d", EventTypes.FriendDeleted, At0300.AddHours(1), "carol"));
        Apply(CompiledPlaybook.Default, c, E("a1", EventTypes.FriendAdded, At0300, "carol"));
        Assert.Equal(CustomerStatus.Lost, c.Status);

        Apply(CompiledPlaybook.Default, c, E("a2", EventTypes.FriendAdded, At0300.AddHours(2), "carol"));
        Assert.Equal(CustomerStatus.Active, c.Status);
        var r = Assert.Single(c.Relationships!);
        Assert.Equal((At0300, true, At0300.AddHours(2)), (r.Since, r.Active, r.ChangedAt));
    }

    [Fact]
    public void A_reply_for_a_message_the_staff_member_already_answered_is_not_raised()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("add", EventTypes.FriendAdded, At0300, "alice"));
        Apply(CompiledPlaybook.Default, c, E("sent", EventTypes.MessageSent, At0300.AddMinutes(5), "alice", "hello"));
        var late = Apply(CompiledPlaybook.Default, c, E("recv", EventTypes.MessageReceived, At0300.AddMinutes(4), "alice", "hi?"));

        Assert.Empty(late.Raised);
        Assert.StartsWith("already done-by-action: message.sent", late.Candidates.Single().Policy);
        Assert.Empty(Open(c));
    }

    [Fact]
    public void A_late_message_sent_before_the_customers_message_does_not_answer_it()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("add", EventTypes.FriendAdded, At0300, "alice"));
        Apply(CompiledPlaybook.Default, c, E("sent-welcome", EventTypes.MessageSent, At0300.AddMinutes(1), "alice", "welcome"));
        Apply(CompiledPlaybook.Default, c, E("recv", EventTypes.MessageReceived, At0300.AddMinutes(10), "alice", "a question"));
        var late = Apply(CompiledPlaybook.Default, c, E("sent-early", EventTypes.MessageSent, At0300.AddMinutes(2), "alice", "anything else?"));

        Assert.Empty(late.Closed);
        Assert.Equal([NudgeKinds.Reply], Open(c).Select(n => n.Source));
    }

    [Fact]
    public void A_nudge_that_would_have_expired_by_the_customers_latest_event_is_not_raised()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("add", EventTypes.FriendAdded, At0300, "alice"));
        Apply(CompiledPlaybook.Default, c, E("view", EventTypes.PageViewed, At0300.AddDays(4), null));
        var late = Apply(CompiledPlaybook.Default, c, E("recv", EventTypes.MessageReceived, At0300.AddHours(1), "alice", "hello?"));

        Assert.StartsWith("already expired", late.Candidates.Single().Policy);
    }

    [Fact]
    public void The_history_and_the_nickname_follow_event_time()
    {
        var c = New();
        var nick = (string n) => new Dictionary<string, string> { ["nickname"] = n };
        Apply(CompiledPlaybook.Default, c, E("b", EventTypes.PageViewed, At0300.AddHours(2), null, data: nick("New name")));
        Apply(CompiledPlaybook.Default, c, E("a", EventTypes.PageViewed, At0300.AddHours(1), null, data: nick("Old name")));
        Apply(CompiledPlaybook.Default, c, E("c", EventTypes.PageViewed, At0300.AddHours(3), null));

        Assert.Equal(["a", "b", "c"], c.RecentInteractions.Select(i => i.EventId));
        Assert.Equal("New name", c.DisplayName);
        Assert.Equal(At0300.AddHours(1), c.FirstSeenAt);
        Assert.Equal(At0300.AddHours(3), c.LastInteractionAt);
    }

    [Fact]
    public void A_full_history_keeps_the_latest_interactions_by_event_time()
    {
        var c = New();
        for (var i = 0; i < CustomerProfile.RecentInteractionLimit; i++)
            Apply(CompiledPlaybook.Default, c, E($"e{i}", EventTypes.PageViewed, At0300.AddMinutes(10 * i), null));
        Apply(CompiledPlaybook.Default, c, E("older-than-all", EventTypes.PageViewed, At0300.AddMinutes(-1), null));
        Apply(CompiledPlaybook.Default, c, E("in-between", EventTypes.PageViewed, At0300.AddMinutes(15), null));

        Assert.Equal(CustomerProfile.RecentInteractionLimit, c.RecentInteractions.Count);
        Assert.DoesNotContain(c.RecentInteractions, i => i.EventId is "older-than-all" or "e0");
        Assert.Equal(["e1", "in-between", "e2"], c.RecentInteractions.Take(3).Select(i => i.EventId));
        Assert.True(c.RecentInteractions.Zip(c.RecentInteractions.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public void An_after_timer_whose_unless_event_arrives_late_is_withdrawn_and_one_answered_after_it_fell_due_is_done()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("follow-up",
            new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.MessageReceived, Delay = "30m", Unless = EventTypes.MessageSent },
            Nudge("follow-up", proactive: false))));
        var c = Customer();
        Send(p, c, Event(EventTypes.MessageReceived, T0, text: "price?"));
        Assert.Single(Tick(p, c, T0.AddMinutes(30)).Raised);

        var late = Send(p, c, Event(EventTypes.MessageSent, T0.AddMinutes(20), text: "it is 10 yuan"));
        Assert.Equal(NudgeClosings.Obsolete, Assert.Single(late.Closed).How);

        var d = Send(p, c, Event(EventTypes.MessageReceived, T0.AddHours(2), text: "and shipping?"));
        Assert.Single(Tick(p, c, T0.AddHours(2).AddMinutes(30)).Raised);
        var answered = Send(p, c, Event(EventTypes.MessageSent, T0.AddHours(3), text: "free"));
        Assert.Equal(NudgeClosings.DoneByAction, Assert.Single(answered.Closed).How);
        Assert.NotNull(d);
    }

    [Fact]
    public void A_sop_whose_exit_event_came_first_raises_only_the_steps_before_it_and_a_late_exit_withdraws_the_steps_after_it()
    {
        var spec = Playbook(Rule("start", OnEvent(EventTypes.FriendAdded), new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = "onboarding" }));
        spec.Sequences.Add(new SequenceSpec
        {
            Id = "onboarding",
            ExitOn = [EventTypes.OrderPaid],
            Steps = [new StepSpec { Id = "tips", Delay = "1h", Nudge = Nudge("tips") }, new StepSpec { Id = "offer", Delay = "2d", Nudge = Nudge("offer") }],
        });
        var p = CompiledPlaybook.Compile(spec);

        var first = Customer();
        Send(p, first, Order(T0.AddMinutes(30), 10));
        var d = Send(p, first, Event(EventTypes.FriendAdded, T0));
        Assert.Equal([SequenceMoveKind.Started, SequenceMoveKind.Exited], d.SequenceMoves.Select(m => m.Kind));
        Assert.Empty(d.Raised);
        Assert.Empty(first.Engine.Sequences!);

        var second = Customer();
        Send(p, second, Event(EventTypes.FriendAdded, T0));
        Assert.Equal("tips", Assert.Single(Tick(p, second, T0.AddHours(1)).Raised).Nudge.Kind);
        var exit = Send(p, second, Order(T0.AddMinutes(30), 10));
        Assert.Equal(NudgeClosings.Obsolete, Assert.Single(exit.Closed).How);
        Assert.Empty(second.Engine.Sequences!);
    }

    [Fact]
    public void A_late_exit_dated_before_the_start_leaves_the_sop_running()
    {
        var spec = Playbook(Rule("start", OnEvent(EventTypes.FriendAdded), new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = "onboarding" }));
        spec.Sequences.Add(new SequenceSpec { Id = "onboarding", ExitOn = [EventTypes.OrderPaid], Steps = [new StepSpec { Id = "tips", Delay = "1h", Nudge = Nudge("tips") }] });
        var p = CompiledPlaybook.Compile(spec);
        var c = Customer();
        Send(p, c, Event(EventTypes.FriendAdded, T0));
        Send(p, c, Order(T0.AddMinutes(-30), 10));
        Assert.Single(c.Engine.Sequences!);
    }

    [Fact]
    public void A_late_proactive_nudge_respects_touches_already_made_after_its_time()
    {
        var spec = Playbook(Rule("offer", OnEvent(EventTypes.PageViewed), Nudge("offer")));
        spec.ContactPolicy.Caps = [new ContactCapSpec { Max = 1, Window = "7d" }];
        var p = CompiledPlaybook.Compile(spec);
        var c = Customer();
        Assert.Single(Send(p, c, Event(EventTypes.PageViewed, T0)).Raised);

        var late = Send(p, c, Event(EventTypes.PageViewed, T0.AddHours(-1)));
        var offer = Assert.Single(late.Candidates);
        Assert.Equal(Verdict.Held, offer.Verdict);
        Assert.Equal(T0.AddDays(7), offer.HoldUntil);
    }

    [Fact]
    public void A_far_future_event_cannot_move_the_clock_because_the_edge_refuses_it()
    {
        var e = E("future", EventTypes.MessageReceived, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), "alice", "hi");
        Assert.Contains(EventValidator.Validate(e, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), f => f.Field == "at");
    }

    [Fact]
    public void At_the_same_instant_arrival_order_decides_so_a_message_sent_first_does_not_answer_one_received_after_it()
    {
        var c = New();
        Apply(CompiledPlaybook.Default, c, E("add", EventTypes.FriendAdded, At0300, "alice"));
        Apply(CompiledPlaybook.Default, c, E("sent", EventTypes.MessageSent, At0300.AddMinutes(1), "alice", "hello"));
        var received = Apply(CompiledPlaybook.Default, c, E("received", EventTypes.MessageReceived, At0300.AddMinutes(1), "alice", "hi"));

        Assert.Contains(received.Raised, r => r.Nudge.Kind == NudgeKinds.Reply);
    }
}
