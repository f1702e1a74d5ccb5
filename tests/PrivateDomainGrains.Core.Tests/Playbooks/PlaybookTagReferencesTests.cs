using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Tests.Playbooks;

public sealed class PlaybookTagReferencesTests
{
    private const string Json = """
        { "tenantId": "acme", "keywords": [ { "keyword": "oily", "tag": "油皮" }, { "keyword": "dry", "tag": "干皮" } ],
          "rules": [
            { "id": "on-oily", "trigger": { "kind": "tagAdded", "tag": "油皮" },
              "actions": [ { "kind": "nudge", "nudgeKind": "care", "title": "Care", "script": "Send the oily-skin guide" } ] },
            { "id": "vip-oily", "trigger": { "kind": "event", "event": "order.paid" },
              "conditions": [ { "kind": "tags", "all": [ "油皮", "vip" ], "any": [ "油皮", "混合" ], "none": [ "干皮" ] } ],
              "actions": [ { "kind": "addTag", "tag": "油皮" }, { "kind": "removeTag", "tag": "vip" } ] },
            { "id": "untouched", "trigger": { "kind": "tagAdded", "tag": "vip" },
              "conditions": [ { "kind": "tags", "any": [ "干皮" ] } ],
              "actions": [ { "kind": "addTag", "tag": "gold" } ] } ],
          "sequences": [ { "id": "care", "steps": [
            { "id": "s1", "delay": "0m", "skipIf": [ { "kind": "tags", "none": [ "油皮" ] } ],
              "nudge": { "kind": "nudge", "nudgeKind": "care", "title": "Care", "script": "Ask how it goes" } },
            { "id": "s2", "delay": "1d", "nudge": { "kind": "nudge", "nudgeKind": "care", "title": "Care", "script": "Again" } } ] } ] }
        """;

    [Fact]
    public void Renaming_a_tag_rewrites_every_trigger_condition_action_step_and_keyword_that_names_it_and_says_which()
    {
        var playbook = PlaybookJson.Parse(Json);

        var changed = PlaybookTagReferences.Rename(playbook, "油皮", "oily-skin");

        Assert.Equal(["rule on-oily", "rule vip-oily", "sequence care step s1", "keyword oily"], changed);
        Assert.Equal("oily-skin", playbook.Rules[0].Trigger!.Tag);
        var condition = Assert.Single(playbook.Rules[1].Conditions);
        Assert.Equal(["oily-skin", "vip"], condition.All!);
        Assert.Equal(["oily-skin", "混合"], condition.Any!);
        Assert.Equal(["干皮"], condition.None!);
        Assert.Equal(["oily-skin", "vip"], playbook.Rules[1].Actions.Select(a => a.Tag));
        Assert.Equal(["oily-skin"], playbook.Sequences[0].Steps[0].SkipIf[0].None!);
        Assert.Equal(["oily-skin", "干皮"], playbook.Keywords.Select(k => k.Tag));
        Assert.Equal(["干皮"], playbook.Rules[2].Conditions[0].Any!);
        Assert.Equal([], PlaybookValidator.Validate(playbook));
    }

    [Fact]
    public void Merging_into_a_tag_the_same_list_names_keeps_it_once()
    {
        var playbook = PlaybookJson.Parse(Json);

        PlaybookTagReferences.Rename(playbook, "油皮", "混合");

        var condition = Assert.Single(playbook.Rules[1].Conditions);
        Assert.Equal(["混合", "vip"], condition.All!);
        Assert.Equal(["混合"], condition.Any!);
    }

    [Fact]
    public void A_playbook_that_does_not_name_the_tag_is_left_as_it_was()
    {
        var playbook = PlaybookJson.Parse(Json);

        Assert.Empty(PlaybookTagReferences.Rename(playbook, "敏感肌", "sensitive"));
        Assert.Equal(PlaybookJson.Serialize(PlaybookJson.Parse(Json)), PlaybookJson.Serialize(playbook));
    }
}
