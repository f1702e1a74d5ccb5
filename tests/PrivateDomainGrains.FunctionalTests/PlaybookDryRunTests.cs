using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>
/// The playbook dry run: what the engine would do for one customer, with a candidate playbook or the current one,
/// with its verdicts and the contact policy's reasons, changing nothing. Each test has a tenant of its own.
/// </summary>
public sealed class PlaybookDryRunTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    /// <summary>Two rules answer a message; the proactive one (the coupon) falls in quiet hours that last all day.</summary>
    private const string Candidate = """
        { "timeZone": "Asia/Shanghai",
          "keywords": [ { "keyword": "price", "tag": "price-sensitive" } ],
          "rules": [
            { "id": "price-answer", "trigger": { "kind": "event", "event": "message.received" }, "priority": 90,
              "actions": [ { "kind": "nudge", "nudgeKind": "reply", "title": "Price question from {name}", "script": "Send the price list", "proactive": false } ] },
            { "id": "coupon", "trigger": { "kind": "event", "event": "message.received" }, "priority": 10,
              "actions": [ { "kind": "nudge", "nudgeKind": "coupon", "title": "Coupon for {name}", "script": "Offer a coupon" } ] } ],
          "contactPolicy": { "quietHours": { "start": "00:00", "end": "23:59" } } }
        """;

    private async Task<(PlatformClient Api, WorkbenchClient Admin)> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        return (api, api.Api.WithConsoleToken(await api.ConsoleTokenAsync("root")).Workbench);
    }

    /// <summary>Everything a reader can see of the customer: the view, its interactions and its complete timeline.</summary>
    private static async Task<string> EverythingAboutAsync(PlatformClient api, WorkbenchClient admin, string customerId) =>
        JsonSerializer.Serialize(new object?[]
        {
            await api.Api.Customers.GetAsync(customerId), await api.Api.Customers.ListInteractionsAsync(customerId),
            await admin.ListTimelineAsync(customerId),
        });

    [Fact]
    public async Task A_dry_run_right_after_a_save_or_a_rollback_uses_the_version_just_stored()
    {
        var (api, admin) = await TenantAsync("dr-just-saved");
        using var _ = api;
        await api.PostEventsAsync(Events.FriendAdded("c-1", "mei", "alice", nickname: "Mei"));
        Assert.Equal(0, (await api.Api.Playbook.DryRunAsync(new PlaybookDryRunRequest("mei"))).PlaybookVersion);

        var saved = await api.Api.Playbook.PutAsync(Candidate);
        Assert.Equal(saved.Version, (await api.Api.Playbook.DryRunAsync(new PlaybookDryRunRequest("mei"))).PlaybookVersion);
        var rolledBack = await admin.Playbook.RollbackAsync(saved.Version);
        Assert.Equal(rolledBack.Version, (await admin.Playbook.DryRunAsync(new PlaybookDryRunRequest("mei"))).PlaybookVersion);
    }

    [Fact]
    public async Task A_dry_run_reports_the_engines_verdicts_and_changes_nothing()
    {
        var (api, admin) = await TenantAsync("dr-nothing");
        using var _ = api;
        await api.PostEventsAsync(Events.FriendAdded("f-1", "mei", "alice", nickname: "Mei"));
        var before = await EverythingAboutAsync(api, admin, "mei");

        var run = await api.Api.Playbook.DryRunAsync(new PlaybookDryRunRequest("mei", JsonDocument.Parse(Candidate).RootElement,
            new DryRunEvent("message.received", Channel: "wecom", Text: "what is the price?")));

        Assert.Equal((1, true, "message.received"), (run.PlaybookVersion, run.Candidate, run.Input));
        Assert.Equal(["price-sensitive"], run.TagsAdded);
        var chosen = Assert.Single(run.Candidates, c => c.Chosen);
        Assert.Equal(("price-answer", "Raised", "Price question from Mei"), (chosen.Rule, chosen.Verdict, chosen.Title));
        Assert.Contains("price-answer", chosen.Explanation);
        var stopped = Assert.Single(run.Candidates, c => c.Rule == "coupon");
        Assert.Equal(("Held", "quiet hours 00:00-23:59"), (stopped.Verdict, stopped.Policy));
        Assert.NotNull(stopped.HoldUntil);
        Assert.Equal(before, await EverythingAboutAsync(api, admin, "mei"));
        Assert.Equal(0, (await api.Api.Playbook.GetAsync()).Version);
        Assert.Empty((await api.Api.Playbook.ListVersionsAsync()).Versions);
    }

    [Fact]
    public async Task Without_a_candidate_the_current_playbook_decides_and_without_an_event_what_is_due_now()
    {
        var (api, admin) = await TenantAsync("dr-current");
        using var _ = api;
        await api.PostEventsAsync(Events.FriendAdded("f-1", "mei", "alice", nickname: "Mei"));
        var before = await EverythingAboutAsync(api, admin, "mei");

        var reply = await api.Api.Playbook.DryRunAsync(new PlaybookDryRunRequest("mei", Event: new DryRunEvent("message.received", Text: "hi")));
        var due = await api.Api.Playbook.DryRunAsync(new PlaybookDryRunRequest("mei"));

        Assert.Equal((0, false), (reply.PlaybookVersion, reply.Candidate));
        Assert.Equal("reply", Assert.Single(reply.Candidates, c => c.Chosen).Rule);
        Assert.Equal("timer", due.Input);
        Assert.Empty(due.Candidates);
        Assert.Equal(before, await EverythingAboutAsync(api, admin, "mei"));
    }

    [Fact]
    public async Task A_bad_candidate_is_a_400_naming_its_json_path_and_an_unknown_customer_a_404()
    {
        var (api, _) = await TenantAsync("dr-bad");
        using var __ = api;
        await api.PostEventsAsync(Events.FriendAdded("f-1", "mei", "alice"));
        var path = $"/api/v1/tenants/{api.Tenant}/playbook/dry-run";

        var bad = await api.SendRawAsync(HttpMethod.Post, path, """
            { "customerId": "mei",
              "playbook": { "rules": [ { "id": "r1", "trigger": { "kind": "event", "event": "no.such.event" },
                "actions": [ { "kind": "nudge", "nudgeKind": "reply", "title": "t", "script": "s" } ] } ] },
              "event": { "type": "nothing.like.this" } }
            """, api.AdminKey);
        var unknown = await api.SendAsync(HttpMethod.Post, path, new { customerId = "nobody" }, api.AdminKey);
        var noCustomer = await api.SendAsync(HttpMethod.Post, path, new { playbook = (object?)null }, api.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["$.event.type"], (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        var candidateOnly = await api.SendRawAsync(HttpMethod.Post, path, """
            { "customerId": "mei",
              "playbook": { "rules": [ { "id": "r1", "trigger": { "kind": "event", "event": "no.such.event" },
                "actions": [ { "kind": "nudge", "nudgeKind": "reply", "title": "t", "script": "s" } ] } ] } }
            """, api.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, candidateOnly.StatusCode);
        Assert.Equal(["$.playbook.rules[0].trigger.event"], (await candidateOnly.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noCustomer.StatusCode);
        Assert.Equal(["$.customerId"], (await noCustomer.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, (await api.Api.Playbook.GetAsync()).Version);
    }
}
