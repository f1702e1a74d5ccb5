using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Tags;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Tags;

/// <summary>A customer holds at most one tag of an exclusive group, however the tag arrives.</summary>
public sealed class ExclusiveTagGroupsTests
{
    private static readonly ExclusiveTagGroups Skin = new([new[] { "油皮", "干皮", "混合" }, new[] { "北京", "上海" }]);

    [Fact]
    public void A_tag_of_an_exclusive_group_has_the_other_tags_of_its_group_as_rivals_and_a_free_tag_has_none()
    {
        Assert.Equal(["油皮", "混合"], Skin.RivalsOf("干皮"));
        Assert.Equal(["北京"], Skin.RivalsOf("上海"));
        Assert.Empty(Skin.RivalsOf("vip"));
        Assert.True(ExclusiveTagGroups.None.IsEmpty);
    }

    [Fact]
    public void Two_tags_of_one_exclusive_group_named_together_clash_in_the_order_given()
    {
        Assert.Equal(("干皮", "油皮"), Skin.Clash(["vip", "干皮", "北京", "油皮"]));
        Assert.Null(Skin.Clash(["干皮", "北京", "vip"]));
        Assert.Null(ExclusiveTagGroups.None.Clash(["干皮", "油皮"]));
    }

    [Fact]
    public void Adding_a_tag_displaces_only_the_held_rivals_of_its_group()
    {
        Assert.Equal(["油皮"], Skin.Displaced("干皮", ["油皮", "vip", "上海"]));
        Assert.Empty(Skin.Displaced("vip", ["油皮"]));
    }

    [Fact]
    public void Adding_干皮_by_hand_removes_油皮_and_runs_the_rules_of_both_changes()
    {
        var p = CompiledPlaybook.Compile(Playbook(
            Rule("oily-gone", new TriggerSpec { Kind = TriggerKinds.TagRemoved, Tag = "油皮" }, Nudge("oily-gone"))));
        var c = Customer();
        c.Tags.Add("油皮");
        c.Tags.Add("vip");

        var d = DecisionEngine.Decide(p, c, EngineInput.FromTag("干皮", added: true, T0), new DecisionContext(T0) { ExclusiveTags = Skin });

        Assert.Equal(["vip", "干皮"], c.Tags);
        Assert.Equal(["干皮"], d.TagsAdded);
        Assert.Equal(["油皮"], d.TagsRemoved);
        Assert.Equal("oily-gone", d.Chosen!.Nudge.Kind);
    }

    [Fact]
    public void A_keyword_tag_displaces_its_rival_too()
    {
        var pb = Playbook();
        pb.Keywords = [new KeywordSpec { Keyword = "皮肤很干", Tag = "干皮" }];
        var c = Customer();
        c.Tags.Add("油皮");

        var d = DecisionEngine.Decide(CompiledPlaybook.Compile(pb), c, EngineInput.FromEvent(Event(EventTypes.MessageReceived, T0, text: "最近皮肤很干")),
            new DecisionContext(T0) { ExclusiveTags = Skin });

        Assert.Equal(["干皮"], c.Tags);
        Assert.Equal(["油皮"], d.TagsRemoved);
    }

    [Fact]
    public void Without_exclusive_groups_rival_tags_are_held_together()
    {
        var c = Customer();
        c.Tags.Add("油皮");

        DecisionEngine.Decide(CompiledPlaybook.Compile(Playbook()), c, EngineInput.FromTag("干皮", added: true, T0), new DecisionContext(T0));

        Assert.Equal(["干皮", "油皮"], c.Tags.Order(StringComparer.Ordinal));
    }
}
