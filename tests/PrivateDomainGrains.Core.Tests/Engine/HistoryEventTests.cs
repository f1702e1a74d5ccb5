using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>History (a backfill, or an event that arrived long after its time) builds the customer but prompts no one.</summary>
public sealed class HistoryEventTests
{
    private static readonly DateTimeOffset In2024 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static Decision History(CompiledPlaybook p, CustomerProfile c, CustomerEvent e) =>
        DecisionEngine.Decide(p, c, EngineInput.FromEvent(e, history: true), new DecisionContext(e.At));

    private static CustomerEvent E(string id, string type, DateTimeOffset at, string? staff = "alice", string? text = null,
        IReadOnlyDictionary<string, string>? data = null) => new(id, "c1", type, at, "wecom", staff, text, data);

    [Fact]
    public void A_backfilled_friendship_and_conversation_build_the_customer_but_raise_nothing()
    {
        var spec = DefaultPlaybook.Create("t1");
        spec.Rules.Add(Rule("start", OnEvent(EventTypes.FriendAdded), new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = "onboarding" }));
        spec.Rules.Add(Rule("nudge-later", new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.FriendAdded, Delay = "1d" }, Nudge("later")));
        spec.Sequences.Add(new SequenceSpec { Id = "onboarding", Steps = [new StepSpec { Id = "hello", Delay = "0m", Nudge = Nudge("hello") }] });
        spec.Keywords.Add(new KeywordSpec { Keyword = "price", Tag = "asked-price" });
        var p = CompiledPlaybook.Compile(spec);
        var c = new CustomerProfile { CustomerId = "c1" };

        var decisions = new[]
        {
            History(p, c, E("h1", EventTypes.FriendAdded, In2024)),
            History(p, c, E("h2", EventTypes.MessageReceived, In2024.AddMinutes(1), text: "what is the price?")),
            History(p, c, E("h3", EventTypes.MessageSent, In2024.AddMinutes(2), text: "10 yuan")),
            History(p, c, E("h4", EventTypes.OrderPaid, In2024.AddDays(3), data: new Dictionary<string, string> { ["orderId"] = "o1", ["amount"] = "10" })),
        };

        Assert.All(decisions, d => Assert.Empty(d.Candidates));
        Assert.Null(c.Engine.RecentNudges);
        Assert.Null(c.Engine.Sequences);
        Assert.Null(c.NextBestAction);
        Assert.Equal((CustomerStatus.Active, "alice", 1, 1, 1), (c.Status, c.OwnerStaffId, c.Counters.MessagesReceived, c.Counters.MessagesSent, c.Counters.Orders));
        Assert.Contains("asked-price", c.Tags);
        Assert.Equal(CustomerTier.FirstPurchase, c.Tier);
    }

    [Fact]
    public void A_timer_anchored_in_history_never_fires_late()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("nudge-later", new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.FriendAdded, Delay = "1d" }, Nudge("later"))));
        var c = Customer();
        History(p, c, E("h1", EventTypes.FriendAdded, In2024));
        Assert.Empty(Tick(p, c, DateTimeOffset.UtcNow).Raised);
    }

    [Fact]
    public void History_still_closes_what_it_does()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        DecisionEngine.Decide(CompiledPlaybook.Default, c, EngineInput.FromEvent(E("add", EventTypes.FriendAdded, In2024)), new DecisionContext(In2024));
        var sent = History(CompiledPlaybook.Default, c, E("sent", EventTypes.MessageSent, In2024.AddMinutes(3), text: "welcome!"));
        Assert.Equal(NudgeClosings.DoneByAction, Assert.Single(sent.Closed).How);
    }
}
