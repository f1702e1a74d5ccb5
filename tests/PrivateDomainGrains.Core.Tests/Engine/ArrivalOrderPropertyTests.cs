using FsCheck.Xunit;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>
/// The fold does not depend on arrival order: a customer's events, each arriving up to two hours late in any order
/// (with the customer woken at its due times meanwhile, as the scheduler does), leave the same customer and the same
/// open nudges, to the same staff members, as the same events arriving on time.
/// </summary>
public sealed class ArrivalOrderPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    private static readonly string[] Staff = ["alice", "bob", "carol"];

    /// <summary>
    /// The default rules (welcome, reply and lost alert to the staff member concerned), a keyword tag with a rule on
    /// it, an onboarding SOP that an order ends (and that outlasts the test). Not <c>after</c> timers on the latest of an event: an occurrence
    /// fires for the newest anchor known when it falls due, so a late, older anchor does not fire its own.
    /// </summary>
    private static readonly CompiledPlaybook Playbook = Build();

    private static CompiledPlaybook Build()
    {
        var p = DefaultPlaybook.Create("t1");
        p.Keywords.Add(new KeywordSpec { Keyword = "price", Tag = "asked-price" });
        p.Rules.Add(Rule("quote", new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "asked-price" }, Nudge("quote", proactive: false)));
        p.Rules.Add(Rule("onboard", OnEvent(EventTypes.FriendAdded), new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = "onboarding" }));
        p.Sequences.Add(new SequenceSpec
        {
            Id = "onboarding",
            ExitOn = [EventTypes.OrderPaid],
            // The last step keeps the run going past the test: a run that completed before a late, earlier start is
            // heard of does not run again (the model keeps positions, not the history of runs).
            Steps =
            [
                new StepSpec { Id = "tips", Delay = "40m", Nudge = Nudge("tips", proactive: false) },
                new StepSpec { Id = "offer", Delay = "2h", Nudge = Nudge("offer", proactive: false) },
                new StepSpec { Id = "check-in", Delay = "30d", Nudge = Nudge("check-in", proactive: false) },
            ],
        });
        return CompiledPlaybook.Compile(p);
    }

    [Property(MaxTest = 400)]
    public void Any_arrival_order_within_two_hours_leaves_the_same_customer_and_the_same_open_nudges(int seed)
    {
        var rng = new Random(seed);
        var events = Scenario(rng);
        var onTime = Run(events, events.Select(_ => TimeSpan.Zero).ToArray());
        var delays = events.Select(_ => TimeSpan.FromMinutes(rng.Next(0, 121))).ToArray();
        var late = Run(events, delays);
        var arrivals = string.Join("\n", events.Select((e, i) => $"{e.Id} {e.Type} {e.StaffId} {e.At:t} +{delays[i].TotalMinutes}m {e.Text}"));
        Assert.True(onTime == late, $"on time:\n{onTime}\n\nlate:\n{late}\n\nevents:\n{arrivals}");
    }

    [Fact]
    public void The_issues_case_reversed_is_the_case_in_order()
    {
        var added = new CustomerEvent("oo-add", "c-ooo", EventTypes.FriendAdded, Start, "wecom", "carol", null, null);
        var deleted = new CustomerEvent("oo-del", "c-ooo", EventTypes.FriendDeleted, Start.AddMinutes(10), "wecom", "carol", null, null);
        Assert.Equal(Run([added, deleted], [TimeSpan.Zero, TimeSpan.Zero]), Run([added, deleted], [TimeSpan.FromMinutes(30), TimeSpan.Zero]));
    }

    private static CustomerEvent[] Scenario(Random rng)
    {
        var minutes = Enumerable.Range(0, 240).OrderBy(_ => rng.Next()).Take(rng.Next(2, 15)).Order().ToArray();
        return [.. minutes.Select((m, i) => Event(rng, i, Start.AddMinutes(m)))];
    }

    private static CustomerEvent Event(Random rng, int i, DateTimeOffset at)
    {
        var staff = Staff[rng.Next(Staff.Length)];
        var (type, who, text, data) = rng.Next(10) switch
        {
            0 or 1 => (EventTypes.FriendAdded, staff, null, null),
            2 => (EventTypes.FriendDeleted, rng.Next(6) == 0 ? null : staff, null, null),
            3 or 4 => (EventTypes.MessageReceived, rng.Next(4) == 0 ? null : staff, rng.Next(3) == 0 ? "what is the price?" : "hello", null),
            5 or 6 => (EventTypes.MessageSent, rng.Next(5) == 0 ? null : staff, "sure", null),
            7 => (EventTypes.OrderPaid, null, null, new Dictionary<string, string> { ["orderId"] = "o" + i, ["amount"] = "99" }),
            _ => (EventTypes.PageViewed, (string?)null, (string?)null, (Dictionary<string, string>?)new Dictionary<string, string> { ["nickname"] = "nick" + i }),
        };
        return new CustomerEvent("e" + i, "c1", type, at, "wecom", who, text, data);
    }

    /// <summary>
    /// Delivers each event at its time plus its delay (ties in event order), waking the customer at its due times in
    /// between as the scheduler would, then wakes it once more well after the last arrival; returns what must agree.
    /// </summary>
    private static string Run(CustomerEvent[] events, TimeSpan[] delays)
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        DateTimeOffset? due = null;
        var clock = Start;
        foreach (var i in Enumerable.Range(0, events.Length).OrderBy(i => events[i].At + delays[i]).ThenBy(i => i))
        {
            var arrival = events[i].At + delays[i];
            WakeUntil(arrival);
            clock = arrival;
            due = DecisionEngine.Decide(Playbook, c, EngineInput.FromEvent(events[i], i + 1), new DecisionContext(events[i].At)).NextDueAt;
        }
        var end = Start.AddHours(8);
        WakeUntil(end);
        DecisionEngine.Decide(Playbook, c, EngineInput.Timer, new DecisionContext(end));
        return Describe(c);

        void WakeUntil(DateTimeOffset until)
        {
            for (var n = 0; n < 100 && due is { } d && d <= until; n++)
            {
                var now = d > clock ? d : clock;
                clock = now;
                due = DecisionEngine.Decide(Playbook, c, EngineInput.Timer, new DecisionContext(now)).NextDueAt;
            }
        }
    }

    private static string Describe(CustomerProfile c)
    {
        var relationships = (c.Relationships ?? []).OrderBy(r => r.StaffId, StringComparer.Ordinal).Select(r => $"{r.StaffId}:{r.Since:t}:{r.Active}:{r.ChangedAt:t}");
        var sequences = (c.Engine.Sequences ?? []).Select(s => $"{s.Id}@{s.StartedAt:t}/{s.Step}/{s.Key}");
        // A cascade (a tag rule) is keyed and timed by the event that cascaded first by arrival: its nudges compare by source.
        var open = (c.Engine.RecentNudges ?? []).Where(n => n.Open)
            .Select(n => n.Source == "quote" ? $"quote:{n.To}" : $"{n.Id}:{n.Source}:{n.To}:{n.From:t}")
            .Order(StringComparer.Ordinal);
        return string.Join("\n",
            $"status {c.Status} owner {c.OwnerStaffId} ({c.OwnerBasis}) removed-all {c.AllRemovedAt:t}",
            "relationships " + string.Join(" ", relationships),
            $"counters {c.Counters.Events} {c.Counters.MessagesReceived} {c.Counters.MessagesSent} {c.Counters.Orders} {c.Counters.Spend} {c.Counters.PageViews}",
            $"times {c.FirstSeenAt:t} {c.LastInteractionAt:t} {c.LastInboundAt:t} {c.LastContactAt:t} {c.LastOrderAt:t}",
            $"name {c.DisplayName} tier {c.Tier} tags {string.Join(",", c.Tags.Order(StringComparer.Ordinal))}",
            "recent " + string.Join(",", c.RecentInteractions.Select(i => i.EventId)),
            "sequences " + string.Join(" ", sequences),
            "open\n" + string.Join("\n", open));
    }
}
