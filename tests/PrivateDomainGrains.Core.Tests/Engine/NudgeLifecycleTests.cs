using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>Nudges close when they no longer apply, and the customer's next-best-action never points at a closed one.</summary>
public sealed class NudgeLifecycleTests
{
    private static CustomerEvent Sent(DateTimeOffset at, string? staffId) =>
        new("s" + at.Ticks, "c1", EventTypes.MessageSent, at, "wecom", staffId, "hello", null);

    [Fact]
    public void The_owners_own_message_closes_the_reply_as_done_by_action_and_clears_the_next_best_action()
    {
        var c = Customer();
        var reply = Send(CompiledPlaybook.Default, c, Event(EventTypes.MessageReceived, T0, text: "price?")).Chosen!.Nudge;
        Assert.Equal(reply.Id, c.NextBestAction!.NudgeId);

        var d = Send(CompiledPlaybook.Default, c, Sent(T0.AddMinutes(3), "s1"));

        Assert.Equal(new ClosedNudge(reply.Id, NudgeClosings.DoneByAction, T0.AddMinutes(3)), Assert.Single(d.Closed));
        // Done is an execution fact: learning waits for the customer's answer within the attribution window.
        Assert.Empty(d.Signals);
        Assert.Null(c.NextBestAction);
    }

    [Fact]
    public void Another_staff_members_message_does_not_close_the_owners_reply()
    {
        var c = Customer();
        Send(CompiledPlaybook.Default, c, Event(EventTypes.MessageReceived, T0, text: "price?"));
        Assert.Empty(Send(CompiledPlaybook.Default, c, Sent(T0.AddMinutes(3), "someone-else")).Closed);
    }

    [Fact]
    public void A_lost_customers_proactive_nudges_close_as_obsolete_and_the_alert_to_the_owner_stays_open()
    {
        var p = Playbook(Rule("offer", OnEvent(EventTypes.PageViewed)));
        p.Rules.AddRange(DefaultPlaybook.Create().Rules);
        var compiled = CompiledPlaybook.Compile(p);
        var c = Customer();
        var offer = Send(compiled, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge;

        var d = Send(compiled, c, Event(EventTypes.FriendDeleted, T0.AddHours(1)));

        Assert.Equal(new ClosedNudge(offer.Id, NudgeClosings.Obsolete, T0.AddHours(1)), Assert.Single(d.Closed));
        Assert.Equal(NudgeKinds.CustomerLost, Assert.Single(d.Raised).Nudge.Kind);
        Assert.DoesNotContain(d.Signals, s => s.NudgeId == offer.Id);
    }

    [Fact]
    public void A_nudge_expires_after_its_own_expiry_when_its_action_sets_one()
    {
        var p = Playbook(Rule("flash-sale", OnEvent(EventTypes.PageViewed)));
        p.Rules[0].Actions[0].ExpiresAfter = "2h";
        var compiled = CompiledPlaybook.Compile(p);
        var c = Customer();
        var d = Send(compiled, c, Event(EventTypes.PageViewed, T0));
        Assert.Equal(T0.AddHours(2), d.NextDueAt);

        Assert.Equal(NudgeClosings.Expired, Assert.Single(Tick(compiled, c, T0.AddHours(2)).Closed).How);
        Assert.Null(c.NextBestAction);
    }

    [Fact]
    public void Past_the_open_limit_the_oldest_open_nudge_expires()
    {
        var compiled = CompiledPlaybook.Compile(Playbook(Rule("answer", OnEvent(EventTypes.MessageReceived), Nudge("answer", proactive: false))));
        var c = Customer();
        var first = Send(compiled, c, Event(EventTypes.MessageReceived, T0, text: "1")).Chosen!.Nudge.Id;
        for (var i = 1; i < EngineState.OpenNudgeLimit; i++) Assert.Empty(Send(compiled, c, Event(EventTypes.MessageReceived, T0.AddSeconds(i), text: "m")).Closed);

        var d = Send(compiled, c, Event(EventTypes.MessageReceived, T0.AddMinutes(10), text: "one too many"));

        Assert.Equal((first, NudgeClosings.Expired), (Assert.Single(d.Closed).NudgeId, d.Closed[0].How));
    }

    [Fact]
    public void A_nudge_closed_past_the_open_limit_is_named_by_one_id_in_its_close_and_its_learning_signal()
    {
        var compiled = CompiledPlaybook.Compile(Playbook(Rule("answer", OnEvent(EventTypes.MessageReceived), Nudge("answer", proactive: false))));
        var c = Customer();
        for (var i = 0; i < EngineState.OpenNudgeLimit; i++) Send(compiled, c, Event(EventTypes.MessageReceived, T0.AddSeconds(i), text: "m"));

        var d = Send(compiled, c, Event(EventTypes.MessageReceived, T0.AddMinutes(10), text: "one too many"));

        // One string, not the compact id spelled out twice: a decision can close a hundred nudges.
        Assert.Same(Assert.Single(d.Closed).NudgeId, Assert.Single(d.Signals).NudgeId);
    }

    [Fact]
    public void Nudges_of_one_late_event_that_would_all_have_expired_share_one_reason()
    {
        var compiled = CompiledPlaybook.Compile(Playbook(
            Rule("a", OnEvent(EventTypes.MessageReceived), Nudge("a", proactive: false)),
            Rule("b", OnEvent(EventTypes.MessageReceived), Nudge("b", proactive: false)),
            Rule("c", OnEvent(EventTypes.MessageReceived), Nudge("c", proactive: false))));
        var c = Customer();
        Send(compiled, c, Event(EventTypes.PageViewed, T0.AddDays(30)));

        var late = Send(compiled, c, Event(EventTypes.MessageReceived, T0, text: "hello?"));

        Assert.Equal(3, late.Candidates.Count);
        Assert.All(late.Candidates, x => Assert.Equal($"already expired at {T0 + TimeSpan.FromDays(3):u}", x.Policy));
        // Formatted once for the decision, not once per candidate.
        Assert.All(late.Candidates, x => Assert.Same(late.Candidates[0].Policy, x.Policy));
    }
}
