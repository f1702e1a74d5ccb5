using System.Text.Json;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

public sealed class SequenceTests
{
    private static CompiledPlaybook Onboarding()
    {
        var p = Playbook(Rule("start-onboarding", OnEvent(EventTypes.FriendAdded),
            new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = "onboarding" }));
        p.Sequences.Add(new SequenceSpec
        {
            Id = "onboarding",
            ExitOn = [EventTypes.OrderPaid],
            Steps =
            [
                new StepSpec { Id = "welcome", Delay = "0m", Nudge = Nudge("welcome") },
                new StepSpec { Id = "tips", Delay = "1d", Nudge = Nudge("tips"),
                    SkipIf = [new ConditionSpec { Kind = ConditionKinds.Counter, Counter = "messagesIn", Op = ">", Value = 0 }] },
                new StepSpec { Id = "offer", Delay = "3d", Nudge = Nudge("offer") },
            ],
        });
        return CompiledPlaybook.Compile(p);
    }

    [Fact]
    public void Day_zero_welcome_is_raised_when_the_sequence_starts()
    {
        var c = Customer();
        var d = Send(Onboarding(), c, Event(EventTypes.FriendAdded, T0));
        Assert.Equal("welcome", Assert.Single(d.Raised).Nudge.Kind);
        Assert.Equal([SequenceMoveKind.Started, SequenceMoveKind.StepRaised], d.SequenceMoves.Select(m => m.Kind));
        Assert.Equal(T0.AddDays(1), d.NextDueAt);
    }

    [Fact]
    public void The_position_survives_a_restart_because_it_is_persisted_state()
    {
        var p = Onboarding();
        var c = Customer();
        Send(p, c, Event(EventTypes.FriendAdded, T0));
        var restored = JsonSerializer.Deserialize<CustomerProfile>(JsonSerializer.Serialize(c))!;

        var d = Tick(p, restored, T0.AddDays(1));
        Assert.Equal("tips", Assert.Single(d.Raised).Nudge.Kind);
        Assert.Equal(T0.AddDays(3), d.NextDueAt);
    }

    [Fact]
    public void A_step_is_skipped_when_its_skip_condition_holds()
    {
        var p = Onboarding();
        var c = Customer();
        Send(p, c, Event(EventTypes.FriendAdded, T0));
        Send(p, c, Event(EventTypes.MessageReceived, T0.AddHours(2), text: "thanks"));
        var d = Tick(p, c, T0.AddDays(1));
        Assert.Empty(d.Raised);
        Assert.Equal(SequenceMoveKind.StepSkipped, Assert.Single(d.SequenceMoves).Kind);
    }

    [Fact]
    public void The_sequence_ends_when_the_customer_buys()
    {
        var p = Onboarding();
        var c = Customer();
        Send(p, c, Event(EventTypes.FriendAdded, T0));
        var d = Send(p, c, Order(T0.AddHours(5), 50));
        Assert.Equal(SequenceMoveKind.Exited, Assert.Single(d.SequenceMoves).Kind);
        Assert.Equal(T0.AddDays(3), d.NextDueAt); // only the welcome step's nudge expiry is left
        Assert.Empty(Tick(p, c, T0.AddDays(3)).Raised);
    }

    [Fact]
    public void After_a_long_gap_the_steps_past_the_max_lateness_are_skipped_and_the_rest_raised()
    {
        var p = Onboarding();
        var c = Customer();
        Send(p, c, Event(EventTypes.FriendAdded, T0));
        var d = Tick(p, c, T0.AddDays(4));
        Assert.Equal("offer", Assert.Single(d.Raised).Nudge.Kind);
        Assert.Contains(d.SequenceMoves, m => m is { Step: "tips", Kind: SequenceMoveKind.StepSkipped });
        Assert.Contains(d.SequenceMoves, m => m.Kind == SequenceMoveKind.Completed);
    }

    [Fact]
    public void Step_nudge_ids_are_the_same_when_a_decision_is_replayed()
    {
        var p = Onboarding();
        var e = Event(EventTypes.FriendAdded, T0);
        Assert.Equal(Send(p, Customer(), e).Raised.Single().Nudge.Id, Send(p, Customer(), e).Raised.Single().Nudge.Id);
    }

    [Fact]
    public void A_step_that_fell_due_longer_ago_than_the_max_lateness_is_skipped_not_sent()
    {
        var p = Onboarding();
        var c = Customer();
        Send(p, c, Event(EventTypes.FriendAdded, T0));

        // The platform was down for days: the tips step (due at day 1) is more than a day late at day 2.5.
        var d = Tick(p, c, T0.AddDays(2.5));
        Assert.Empty(d.Raised);
        var skipped = Assert.Single(d.SequenceMoves);
        Assert.Equal((SequenceMoveKind.StepSkipped, "tips"), (skipped.Kind, skipped.Step));
        Assert.Equal("offer", Assert.Single(Tick(p, c, T0.AddDays(3)).Raised).Nudge.Kind);
    }
}
