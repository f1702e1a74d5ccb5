using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

public sealed class ArbitrationTests
{
    /// <summary>Three proactive offers on the same event, worth 1, 2 and 3.</summary>
    private static CompiledPlaybook Offers()
    {
        var rules = Enumerable.Range(1, 3).Select(v =>
        {
            var r = Rule("offer-" + v, OnEvent(EventTypes.PageViewed));
            r.Value = v;
            return r;
        });
        return CompiledPlaybook.Compile(Playbook([.. rules]));
    }

    [Fact]
    public void One_next_best_action_is_chosen_and_the_runner_ups_keep_their_scores()
    {
        var c = Customer();
        var d = Send(Offers(), c, Event(EventTypes.PageViewed, T0));
        Assert.Equal("offer-3", d.Chosen!.Nudge.Source);
        Assert.Equal(1.5, d.Chosen.Score.Total);
        Assert.Equal([("offer-2", 1.0), ("offer-1", 0.5)], d.RunnerUps.Select(r => (r.Nudge.Source, r.Score.Total)));
        Assert.All(d.RunnerUps, r => Assert.Equal((Verdict.Held, "arbitration: lost to offer-3"), (r.Verdict, r.Policy)));
        Assert.Equal(d.Chosen.Nudge.Id, c.NextBestAction!.NudgeId);
    }

    [Fact]
    public void Learned_propensity_outweighs_a_higher_value()
    {
        var model = new PropensityModel();
        for (var i = 0; i < 30; i++)
        {
            model.Record("offer-1", "Prospect", NudgeOutcome.Ordered);
            model.Record("offer-2", "Prospect", NudgeOutcome.Ignored);
            model.Record("offer-3", "Prospect", NudgeOutcome.Dismissed);
        }
        var e = Event(EventTypes.PageViewed, T0);
        var d = DecisionEngine.Decide(Offers(), Customer(), EngineInput.FromEvent(e), new DecisionContext(T0) { Model = model });
        Assert.Equal("offer-1", d.Chosen!.Nudge.Source);
    }

    [Fact]
    public void A_zero_lever_switches_a_rule_off()
    {
        var p = Playbook(Rule("paused", OnEvent(EventTypes.PageViewed)));
        p.Rules[0].Lever = 0;
        var candidate = Send(CompiledPlaybook.Compile(p), Customer(), Event(EventTypes.PageViewed, T0)).Candidates.Single();
        Assert.Equal((Verdict.Suppressed, "lever off"), (candidate.Verdict, candidate.Policy));
    }

    [Fact]
    public void Every_alternative_explains_its_rule_scores_and_policy()
    {
        var d = Send(Offers(), Customer(), Event(EventTypes.PageViewed, T0));
        Assert.Equal(
            "offer-2 (event page.viewed): score 1 = propensity 0.5 x value 2 x context 1 x lever 1; held until 2025-03-03 03:00:00Z by arbitration: lost to offer-3",
            d.RunnerUps.First().Explain());
        Assert.StartsWith("offer-3 (event page.viewed): score 1.5", d.Chosen!.Explain());
    }

    [Fact]
    public void Thompson_sampling_is_reproducible_with_the_same_random_seed()
    {
        var model = new PropensityModel();
        string Pick(int seed)
        {
            var e = Event(EventTypes.PageViewed, T0, id: "same");
            return DecisionEngine.Decide(Offers(), Customer(), EngineInput.FromEvent(e),
                new DecisionContext(T0) { Model = model, Random = new SeededRandom(seed) }).Chosen!.Nudge.Source;
        }
        Assert.Equal(Pick(42), Pick(42));
        Assert.True(Enumerable.Range(0, 40).Select(Pick).Distinct().Count() > 1, "untried actions must all get explored");
    }

    [Fact]
    public void Rule_actions_tag_set_fields_and_cascade_to_tag_rules()
    {
        var p = CompiledPlaybook.Compile(Playbook(
            Rule("mark", OnEvent("x.coupon.claimed"),
                new ActionSpec { Kind = ActionKinds.AddTag, Tag = "coupon" },
                new ActionSpec { Kind = ActionKinds.SetField, Field = "coupon", Value = "{data.code}" }),
            Rule("follow-up", new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "coupon" },
                Nudge("coupon", title: "Coupon {field.coupon}"))));
        var c = Customer();
        var d = Send(p, c, Event("x.coupon.claimed", T0, data: new Dictionary<string, string> { ["code"] = "SPRING" }));
        Assert.Equal(["coupon"], d.TagsAdded);
        Assert.Equal("SPRING", c.Engine.Field("coupon"));
        Assert.Equal("Coupon SPRING", d.Chosen!.Nudge.Title);
    }

    [Fact]
    public void Inbound_messages_are_tagged_from_tenant_keywords_and_tag_rules_fire()
    {
        var pb = Playbook(Rule("skin-advice", new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "oily-skin" }, Nudge("advice", proactive: false)));
        pb.Keywords = [new KeywordSpec { Keyword = "油皮", Tag = "oily-skin" }, new KeywordSpec { Keyword = "refund", Tag = "refund" }];
        var c = Customer();
        var d = Send(CompiledPlaybook.Compile(pb), c, Event(EventTypes.MessageReceived, T0, text: "我是油皮, ＲＥＦＵＮＤ?"));
        Assert.Equal(["oily-skin", "refund"], d.TagsAdded);
        Assert.Equal("advice", d.Chosen!.Nudge.Kind);
    }

    [Fact]
    public void Conditions_gate_a_rule()
    {
        var r = Rule("vip-only", OnEvent(EventTypes.PageViewed));
        r.Conditions =
        [
            new ConditionSpec { Kind = ConditionKinds.Tags, Any = ["vip"], None = ["blocked"] },
            new ConditionSpec { Kind = ConditionKinds.SinceLastContact, Op = ">", Duration = "1d" },
            new ConditionSpec { Kind = ConditionKinds.Channel, In = ["wecom"] },
            new ConditionSpec { Kind = ConditionKinds.Field, Field = "city", EqualTo = "Shanghai" },
        ];
        var p = CompiledPlaybook.Compile(Playbook(r));
        var c = Customer();
        Assert.Empty(Send(p, c, Event(EventTypes.PageViewed, T0)).Candidates);
        c.Tags.Add("vip");
        c.Engine.SetField("city", "Shanghai");
        Assert.Single(Send(p, c, Event(EventTypes.PageViewed, T0.AddMinutes(1))).Candidates);
        Assert.Empty(Send(p, c, Event(EventTypes.PageViewed, T0.AddMinutes(2), channel: "douyin")).Candidates);
    }
}
