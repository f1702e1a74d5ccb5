using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>Rules fire on their triggers when their conditions hold, and their actions tag, set fields and cascade.</summary>
public sealed class RuleFiringTests
{
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

    [Fact]
    public void A_decision_keeps_what_it_decided_when_the_next_decision_reuses_the_thread_s_scratch()
    {
        var p = CompiledPlaybook.Compile(Playbook(
            Rule("mark", OnEvent("x.coupon.claimed"), new ActionSpec { Kind = ActionKinds.AddTag, Tag = "coupon" }),
            Rule("welcome", OnEvent(EventTypes.FriendAdded), Nudge("welcome", proactive: false))));
        var first = Customer();
        var d1 = Send(p, first, Event("x.coupon.claimed", T0));
        var d2 = Send(p, Customer(), Event(EventTypes.FriendAdded, T0.AddMinutes(1)));
        Assert.Equal(["coupon"], d1.TagsAdded);
        Assert.Empty(d1.Candidates);
        Assert.Empty(d2.TagsAdded);
        Assert.Equal("welcome", Assert.Single(d2.Candidates).Nudge.Kind);
        Assert.Equal(["coupon"], first.Tags);
    }
}
