using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Core.Tests.Playbooks;

public sealed class PlaybookValidatorTests
{
    [Fact]
    public void A_playbook_sent_now_must_be_plain_text_while_one_stored_before_that_rule_still_compiles()
    {
        const string json = """
        { "tenantId": "t1", "version": 3,
          "rules": [ { "id": "r", "trigger": { "kind": "event", "event": "friend.added" },
            "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Hi\n{name}", "script": "欢迎\u200b光临" },
                         { "kind": "addTag", "tag": "ＶＩＰ\u200b" } ] } ] }
        """;

        Assert.Equal(["$.rules[0].actions[0].script", "$.rules[0].actions[0].title", "$.rules[0].actions[1].tag", "$.rules[0].actions[1].tag"],
            PlaybookValidator.Validate(json).Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(3, CompiledPlaybook.Compile(json).Source.Version);
    }

    [Fact]
    public void A_rule_cannot_call_its_nudges_campaign_nudges_which_skip_the_customers_rest()
    {
        const string json = """
        { "tenantId": "t1", "rules": [ { "id": "r", "trigger": { "kind": "event", "event": "friend.added" },
            "actions": [ { "kind": "nudge", "nudgeKind": "campaign", "title": "Hi", "script": "Hi" } ] } ] }
        """;

        Assert.Equal(["$.rules[0].actions[0].nudgeKind: 'campaign' is reserved for campaigns' nudges"], PlaybookValidator.Validate(json).Select(e => e.ToString()));
    }

    [Fact]
    public void A_null_where_a_number_belongs_is_reported_at_its_path_as_the_json_type_it_must_be_not_as_bad_unicode()
    {
        const string json = """{ "tenantId": "t1", "rules": [], "contactPolicy": { "restAfterTouches": null } }""";

        var error = Assert.Single(PlaybookValidator.Validate(json));

        Assert.Equal("$.contactPolicy.restAfterTouches", error.Path);
        Assert.Equal("must be a whole number from 0 to 50", error.Message);
    }

    [Theory]
    [InlineData("""{ "tenantId": "t1", "rules": [ { "id": "r", "trigger": { "kind": "inactivity", "days": 1.5 } } ] }""", "$.rules[0].trigger.days",
        "must be a whole number from 1 to 3650")]
    [InlineData("""{ "tenantId": "t1", "rules": [ { "id": "r", "priority": 99999999999 } ] }""", "$.rules[0].priority", "must be a whole number from 0 to 100")]
    [InlineData("""{ "tenantId": "t1", "rules": [], "tiers": { "superUser": { "minOrders": true } } }""", "$.tiers.superUser.minOrders",
        "must be a whole number from 1 to 1000000")]
    [InlineData("""{ "tenantId": "t1", "version": 2.5, "rules": [] }""", "$.version", "must be a whole number from 1 to 2147483647")]
    public void A_whole_number_that_is_not_one_is_told_the_range_the_playbook_takes_not_its_types(string json, string path, string message)
    {
        var error = Assert.Single(PlaybookValidator.Validate(json));

        Assert.Equal((path, message), (error.Path, error.Message));
    }

    [Theory]
    [InlineData("""{"rules":[{"id":"r","trigger":{"kind":"event","event":"order.paid"},"conditions":[{"kind":"counter","counter":"spend","op":">=","value":"a hundred"}],"actions":[]}]}""",
        "$.rules[0].conditions[0].value", "must be a number")]
    [InlineData("""{"rules":{"id":"r"}}""", "$.rules", "must be an array whose items are each an object")]
    [InlineData("""{"keywords":[{"keyword":7,"tag":"t"}]}""", "$.keywords[0].keyword", "must be a string")]
    [InlineData("""{"rules":[],}x""", "$", "is not valid JSON")]
    public void A_value_of_the_wrong_json_type_is_named_by_path_and_json_type_never_by_a_dotnet_type(string json, string path, string message)
    {
        var error = Assert.Single(PlaybookValidator.Validate(json));

        Assert.Equal(path, error.Path);
        Assert.StartsWith(message, error.Message);
        Assert.DoesNotMatch(@"System\.|PrivateDomainGrains\.|Decimal|Int32|Nullable|`1", error.Message);
    }

    [Fact]
    public void Every_error_is_reported_with_its_json_path()
    {
        const string json = """
        {
          "tenantId": "t1",
          "version": 2,
          "timeZone": "Mars/Olympus",
          "rules": [
            { "id": "ok", "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Hi {name}", "script": "Say hi" } ] },
            { "id": "ok", "trigger": { "kind": "after", "event": "order.paid", "delay": "3 days" },
              "conditions": [ { "kind": "counter", "counter": "wallet", "op": "~", "value": 1 } ],
              "actions": [ { "kind": "nudge", "nudgeKind": "offer", "title": "Offer", "script": "Hi {foo}" },
                           { "kind": "startSequence", "sequence": "nope" } ] }
          ],
          "keywords": [ { "keyword": " ", "tag": "x" } ],
          "contactPolicy": { "caps": [ { "max": 2, "window": "1y" } ], "quietHours": { "start": "22:00", "end": "22:00" } }
        }
        """;
        var errors = PlaybookValidator.Validate(json).Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            "$.timeZone: unknown time zone 'Mars/Olympus'",
            "$.rules[1].id: duplicate rule id 'ok'",
            "$.rules[1].trigger.delay: must be a duration like 5m, 2h, 3d or 1w, at most 3650d",
            "$.rules[1].conditions[0].counter: must be one of messagesIn, messagesOut, likes, comments, views, orders, refunds, spend, events",
            "$.rules[1].conditions[0].op: must be one of =, !=, >, >=, <, <=",
            "$.rules[1].actions[0].script: unknown placeholder {foo}",
            "$.rules[1].actions[1].sequence: unknown sequence 'nope'",
            "$.keywords[0].keyword: must be 1-64 characters, not only spaces",
            "$.contactPolicy.caps[0].window: must be a duration like 5m, 2h, 3d or 1w, at most 3650d",
            "$.contactPolicy.quietHours: start and end must differ",
        ], errors);
    }

    /// <summary>Every name of the playbook limited to 64 characters: tags, keywords, channels and field names.</summary>
    private static string Names(string name) => $$"""
        { "tenantId": "t1", "version": 1,
          "rules": [ { "id": "r", "trigger": { "kind": "tagAdded", "tag": "{{name}}" },
            "conditions": [ { "kind": "tags", "all": [ "{{name}}" ] }, { "kind": "channel", "in": [ "{{name}}" ] },
                            { "kind": "field", "field": "{{name}}", "exists": true } ],
            "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Hi", "script": "Hi", "channel": "{{name}}" },
                         { "kind": "addTag", "tag": "{{name}}" }, { "kind": "setField", "field": "{{name}}", "value": "x" } ] } ],
          "keywords": [ { "keyword": "{{name}}", "tag": "{{name}}" } ],
          "contactPolicy": { "caps": [ { "max": 1, "window": "1d", "channel": "{{name}}" } ] } }
        """;

    [Theory]
    [InlineData("👍")]
    [InlineData("👨‍👩‍👧‍👦")]
    [InlineData("🇨🇳")]
    [InlineData("油")]
    public void Every_name_counts_characters_as_a_person_does_so_64_emoji_fit_sent_or_stored_and_65_do_not(string character)
    {
        var fits = Names(string.Concat(Enumerable.Repeat(character, PlaybookValidator.MaxTagLength)));
        var tooLong = Names(string.Concat(Enumerable.Repeat(character, PlaybookValidator.MaxTagLength + 1)));

        Assert.Empty(PlaybookValidator.Validate(fits));
        // A stored playbook is compiled with the same count (a 64-emoji tag once made the stored playbook fail to compile).
        Assert.Equal(1, CompiledPlaybook.Compile(fits).Source.Version);
        Assert.Equal(
        [
            "$.contactPolicy.caps[0].channel", "$.keywords[0].keyword", "$.keywords[0].tag",
            "$.rules[0].actions[0].channel", "$.rules[0].actions[1].tag", "$.rules[0].actions[2].field",
            "$.rules[0].conditions[0].all[0]", "$.rules[0].conditions[1].in", "$.rules[0].conditions[2].field", "$.rules[0].trigger.tag",
        ], PlaybookValidator.Validate(tooLong).Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Throws<PlaybookInvalidException>(() => CompiledPlaybook.Compile(tooLong));
    }

    [Fact]
    public void Free_text_counts_characters_as_a_person_does_so_a_script_of_2000_emoji_fits_and_renders_whole()
    {
        string Script(int emoji) => $$"""
            { "tenantId": "t1", "version": 1, "rules": [ { "id": "r", "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Hi", "script": "{name}{{string.Concat(Enumerable.Repeat("👍", emoji))}}" } ] } ] }
            """;

        Assert.Empty(PlaybookValidator.Validate(Script(PlaybookValidator.MaxTextLength - "{name}".Length)));
        Assert.Equal(["$.rules[0].actions[0].script: must be at most 2000 characters"],
            PlaybookValidator.Validate(Script(PlaybookValidator.MaxTextLength - "{name}".Length + 1)).Select(e => e.ToString()));
        // Rendered, "Lin" and 1994 emoji: 1997 characters, none cut.
        var rendered = Template.Parse("{name}" + string.Concat(Enumerable.Repeat("👍", PlaybookValidator.MaxTextLength - "{name}".Length)), []).Render(Fixture.Customer(), null);
        Assert.Equal("Lin" + string.Concat(Enumerable.Repeat("👍", PlaybookValidator.MaxTextLength - "{name}".Length)), rendered);
    }

    [Fact]
    public void Malformed_json_is_reported_where_it_breaks()
    {
        var error = Assert.Single(PlaybookValidator.Validate("""{ "tenantId": "t1", "rules": [ { "priority": "high" } ] }"""));
        Assert.Equal("$.rules[0].priority", error.Path);
    }

    [Fact]
    public void A_rule_without_trigger_or_actions_is_rejected()
    {
        var p = Fixture.Playbook(new RuleSpec { Id = "r1" });
        Assert.Equal(["$.rules[0].trigger: a rule needs a trigger", "$.rules[0].actions: a rule needs at least one action"],
            PlaybookValidator.Validate(p).Select(e => e.ToString()));
    }

    [Fact]
    public void Templates_reject_stray_braces()
    {
        var p = Fixture.Playbook(Fixture.Rule("r1", Fixture.OnEvent("friend.added"), Fixture.Nudge("hi", title: "Hi {name", script: "a } b")));
        Assert.Equal(["$.rules[0].actions[0].title: unclosed '{' at 3", "$.rules[0].actions[0].script: unmatched '}' at 2"],
            PlaybookValidator.Validate(p).Select(e => e.ToString()));
    }

    [Fact]
    public void Sequence_steps_must_not_go_back_in_time()
    {
        var p = Fixture.Playbook();
        p.Sequences.Add(new SequenceSpec
        {
            Id = "s1",
            Steps = [new StepSpec { Id = "a", Delay = "2d", Nudge = Fixture.Nudge("a") }, new StepSpec { Id = "b", Delay = "1d", Nudge = Fixture.Nudge("b") }],
        });
        Assert.Equal("$.sequences[0].steps[1].delay: steps must not go back in time", Assert.Single(PlaybookValidator.Validate(p)).ToString());
    }

    [Fact]
    public void Compiling_an_invalid_playbook_throws_with_every_error()
    {
        var p = Fixture.Playbook(new RuleSpec { Id = "r1" }, new RuleSpec { Id = "r1" });
        var ex = Assert.Throws<PlaybookInvalidException>(() => CompiledPlaybook.Compile(p));
        Assert.Equal(5, ex.Errors.Count);
    }

    [Fact]
    public void The_default_playbook_is_valid_and_survives_a_json_round_trip()
    {
        var json = PlaybookJson.Serialize(DefaultPlaybook.Create());
        Assert.Empty(PlaybookValidator.Validate(json));
        Assert.Contains("\"nudgeKind\": \"welcome\"", json);
        Assert.Equal(json, PlaybookJson.Serialize(PlaybookJson.Parse(json)));
    }
}
