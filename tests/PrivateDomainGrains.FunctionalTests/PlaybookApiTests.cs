using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class PlaybookApiTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string CouponPlaybook = """
        {
          "timeZone": "Asia/Shanghai",
          "rules": [
            { "id": "coupon", "trigger": { "kind": "event", "event": "x.coupon.viewed" },
              "actions": [ { "kind": "nudge", "nudgeKind": "coupon", "title": "Coupon for {name}", "script": "Offer the coupon" } ] }
          ]
        }
        """;

    /// <summary>Each test gets a tenant of its own, so versions do not depend on test order.</summary>
    private async Task<PlatformClient> TenantAsync(string tenant, params string[] staff)
    {
        var client = new PlatformClient(platform.Node.BaseAddress);
        await client.ProvisionAsync(tenant, staff);
        return client;
    }

    private static async Task<JsonObject> GetAsync(PlatformClient api, string resource)
    {
        var response = await api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{api.Tenant}/{resource}", null, api.ApiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task An_invalid_playbook_is_refused_with_every_error_keyed_by_json_path()
    {
        using var api = await TenantAsync("pb-invalid");

        var response = await api.PutPlaybookRawAsync("""
            { "timeZone": "Mars/Olympus",
              "rules": [ { "id": "r1", "trigger": { "kind": "event", "event": "no.such.event" }, "actions": [] } ] }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["$.rules[0].actions", "$.rules[0].trigger.event", "$.timeZone"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, (int)(await GetAsync(api, "playbook"))["version"]!);
    }

    /// <summary>
    /// <paramref name="rules"/> rules on <c>message.received</c>, each with <paramref name="answers"/> answers whose title
    /// quotes the message 150 times (a template of 1,950 characters that renders far longer).
    /// </summary>
    private static string FanOutPlaybook(int rules, int answers)
    {
        var title = string.Concat(Enumerable.Repeat("{lastMessage}", 150));
        var ruleList = new JsonArray();
        for (var r = 0; r < rules; r++)
        {
            var actions = new JsonArray();
            for (var a = 0; a < answers; a++)
                actions.Add(new JsonObject { ["kind"] = "nudge", ["nudgeKind"] = $"answer-{a}", ["proactive"] = false, ["title"] = title, ["script"] = "Answer {name}" });
            ruleList.Add(new JsonObject { ["id"] = $"r{r}", ["trigger"] = new JsonObject { ["kind"] = "event", ["event"] = "message.received" }, ["actions"] = actions });
        }
        return new JsonObject { ["timeZone"] = "Asia/Shanghai", ["rules"] = ruleList }.ToJsonString();
    }

    [Fact]
    public async Task A_playbook_whose_rules_raise_more_nudges_on_one_trigger_than_the_bound_is_refused_at_the_rule_and_nothing_is_stored()
    {
        using var api = await TenantAsync("pb-fan-out");

        var response = await api.PutPlaybookRawAsync(FanOutPlaybook(rules: 2, answers: 20));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("$.rules[1].actions", Assert.Single(errors).Key);
        Assert.Equal(0, (int)(await GetAsync(api, "playbook"))["version"]!);
    }

    [Fact]
    public async Task An_event_under_a_playbook_at_the_fan_out_bound_is_answered_with_bounded_texts()
    {
        using var api = await TenantAsync("pb-at-bound", "alice");
        Assert.Equal(HttpStatusCode.OK, (await api.PutPlaybookRawAsync(FanOutPlaybook(rules: 1, answers: 20))).StatusCode);
        await api.PostEventsAsync(Events.FriendAdded("f-1", "mei", "alice", nickname: "Mei"));

        var response = await api.PostEventsRawAsync(new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject
            {
                ["id"] = "m-1", ["customerId"] = "mei", ["type"] = "message.received", ["channel"] = "wecom", ["text"] = new string('话', 300),
            }),
        }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!);
        var answer = (await api.Api.Customers.GetAsync("mei"))!.NextBestAction!;
        // 150 quotes of 121 characters, cut to what a template may be; 19 alternatives, the best 10 listed.
        Assert.Equal(2000, answer.Title.Length);
        Assert.EndsWith("…", answer.Title);
        var why = answer.Why!.Split('\n');
        Assert.Equal(12, why.Length);
        Assert.Equal("and 9 more", why[^1]);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_where_it_breaks()
    {
        using var api = await TenantAsync("pb-malformed");

        var response = await api.PutPlaybookRawAsync("""{ "rules": [ { "priority": "high" } ] }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("$.rules[0].priority", Assert.Single(errors).Key);
    }

    [Fact]
    public async Task An_accepted_playbook_is_served_as_the_next_version()
    {
        using var api = await TenantAsync("pb-accepted");
        var before = await GetAsync(api, "playbook");
        Assert.Equal(0, (int)before["version"]!);
        Assert.Null(before["updatedAt"]);

        var response = await api.PutPlaybookRawAsync(CouponPlaybook);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
        var after = await GetAsync(api, "playbook");
        Assert.Equal(1, (int)after["version"]!);
        Assert.NotNull(after["updatedAt"]);
        var playbook = after["playbook"]!;
        Assert.Equal((1, "pb-accepted", "coupon"), ((int)playbook["version"]!, (string)playbook["tenantId"]!, (string)playbook["rules"]![0]!["id"]!));
        Assert.Equal(2, (int)(await (await api.PutPlaybookRawAsync(CouponPlaybook)).Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
    }

    [Fact]
    public async Task Only_the_admin_key_of_the_tenant_may_replace_its_playbook()
    {
        using var api = await TenantAsync("pb-keys");
        using var other = await TenantAsync("pb-keys-other");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PutPlaybookRawAsync(CouponPlaybook, key: api.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PutPlaybookRawAsync(CouponPlaybook, key: other.AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{api.Tenant}/playbook", null, "wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{api.Tenant}/learning", null, other.ApiKey)).StatusCode);
        Assert.Equal(0, (int)(await GetAsync(api, "playbook"))["version"]!);
    }

    [Fact]
    public async Task A_tenant_with_no_outcomes_yet_has_learned_nothing()
    {
        using var api = await TenantAsync("pb-learning");

        var learning = await GetAsync(api, "learning");

        Assert.Equal(0, (long)learning["version"]!);
        Assert.Empty(learning["arms"]!.AsArray());
    }
}
