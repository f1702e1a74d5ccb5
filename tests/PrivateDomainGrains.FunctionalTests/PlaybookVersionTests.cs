using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>
/// The playbook's version history through the SDK and the raw API: every save kept with who and when, a rollback that
/// restores a version exactly as the next version, admin only. Each test has a tenant of its own.
/// </summary>
public sealed class PlaybookVersionTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string Welcome = """
        { "timeZone": "Asia/Shanghai",
          "keywords": [ { "keyword": "price", "tag": "price-sensitive" } ],
          "rules": [ { "id": "welcome", "trigger": { "kind": "event", "event": "friend.added" },
            "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Welcome {name}", "script": "Say hello" } ] } ] }
        """;

    private const string Coupon = """
        { "rules": [ { "id": "coupon", "trigger": { "kind": "event", "event": "x.coupon.viewed" }, "priority": 40,
            "actions": [ { "kind": "nudge", "nudgeKind": "coupon", "title": "Coupon for {name}", "script": "Offer the coupon" } ] } ] }
        """;

    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var client = new PlatformClient(platform.Node.BaseAddress);
        await client.ProvisionAsync(tenant);
        return client;
    }

    /// <summary>The document without the number the server gives each version.</summary>
    private static string Unnumbered(JsonElement playbook)
    {
        var node = JsonNode.Parse(playbook.GetRawText())!.AsObject();
        node.Remove("version");
        return node.ToJsonString();
    }

    [Fact]
    public async Task Every_save_is_kept_as_a_version_with_who_stored_it_and_when()
    {
        using var api = await TenantAsync("pv-history");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await api.Api.Playbook.PutAsync(Welcome);
        await api.Api.Playbook.PutAsync(Coupon);

        var history = await api.Api.Playbook.ListVersionsAsync();
        Assert.Equal(2, history.Current);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Version));
        Assert.All(history.Versions, v => Assert.Equal(("admin-key", (int?)null), (v.StoredBy, v.RestoredFrom)));
        Assert.All(history.Versions, v => Assert.InRange(v.StoredAt, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        var first = (await api.Api.Playbook.GetVersionAsync(1))!;
        Assert.Equal("welcome", first.Playbook.GetProperty("rules")[0].GetProperty("id").GetString());
        Assert.Equal(1, first.Playbook.GetProperty("version").GetInt32());
        Assert.Null(await api.Api.Playbook.GetVersionAsync(3));
        Assert.Equal([2], (await api.Api.Playbook.ListVersionsAsync(limit: 1)).Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task A_rollback_restores_the_version_exactly_and_is_itself_a_new_version()
    {
        using var api = await TenantAsync("pv-rollback");
        await api.Api.Playbook.PutAsync(Welcome);
        await api.Api.Playbook.PutAsync(Coupon);
        var first = (await api.Api.Playbook.GetVersionAsync(1))!;

        var stored = await api.Api.Playbook.RollbackAsync(1);

        Assert.Equal(3, stored.Version);
        var current = await api.Api.Playbook.GetAsync();
        Assert.Equal(3, current.Version);
        Assert.Equal(Unnumbered(first.Playbook), Unnumbered(current.Playbook));
        var history = await api.Api.Playbook.ListVersionsAsync();
        Assert.Equal([(3, (int?)1), (2, null), (1, null)], history.Versions.Select(v => (v.Version, v.RestoredFrom)));
        Assert.Equal(Unnumbered(current.Playbook), Unnumbered((await api.Api.Playbook.GetVersionAsync(3))!.Playbook));
    }

    [Fact]
    public async Task A_rollback_to_a_version_the_tenant_never_had_is_a_404_and_stores_nothing()
    {
        using var api = await TenantAsync("pv-missing");
        await api.Api.Playbook.PutAsync(Welcome);

        var missing = await Assert.ThrowsAsync<PlatformApiException>(() => api.Api.Playbook.RollbackAsync(7));
        var negative = await Assert.ThrowsAsync<PlatformApiException>(() => api.Api.Playbook.RollbackAsync(-1));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, negative.StatusCode));
        Assert.Equal(1, (await api.Api.Playbook.GetAsync()).Version);
        Assert.Equal([1], (await api.Api.Playbook.ListVersionsAsync()).Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task A_rollback_to_version_0_stores_the_built_in_default_as_a_new_version()
    {
        using var api = await TenantAsync("pv-default");
        var builtIn = await api.Api.Playbook.GetAsync();
        await api.Api.Playbook.PutAsync(Welcome);
        await api.Api.Playbook.PutAsync(Coupon);

        var stored = await api.Api.Playbook.RollbackAsync(0);

        Assert.Equal((0, 3), (builtIn.Version, stored.Version));
        var current = await api.Api.Playbook.GetAsync();
        Assert.Equal(3, current.Version);
        Assert.Equal(Unnumbered(builtIn.Playbook), Unnumbered(current.Playbook));
        Assert.Equal([(3, (int?)0), (2, null), (1, null)], (await api.Api.Playbook.ListVersionsAsync()).Versions.Select(v => (v.Version, v.RestoredFrom)));
    }

    [Fact]
    public async Task The_history_and_rollback_need_the_admin_key_and_a_rollback_is_audited()
    {
        using var api = await TenantAsync("pv-keys");
        await api.Api.Playbook.PutAsync(Welcome);
        await api.Api.Playbook.PutAsync(Coupon);
        var root = $"/api/v1/tenants/{api.Tenant}/playbook";

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, root + "/versions", null, api.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, root + "/versions/1", null, api.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, root + "/versions/1/rollback", null, api.ApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, root + "/dry-run", new { customerId = "x" }, api.ApiKey)).StatusCode);
        Assert.Equal(2, (await api.Api.Playbook.GetAsync()).Version);

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, root + "/versions/1/rollback", null, api.AdminKey)).StatusCode);
        var audit = await (await api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{api.Tenant}/audit", null, api.AdminKey)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(audit!["items"]!.AsArray(), e => (string?)e!["action"] == "RollbackPlaybook" && (int?)e["status"] == 200);
    }

    [Fact]
    public async Task The_consoles_playbook_routes_are_an_admins_and_the_history_names_the_admin_who_saved()
    {
        using var api = await TenantAsync("pv-console");
        await api.Api.Staff.CreateAsync("alice", PlatformClient.StaffPassword, "Alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        var staff = await api.ConsoleTokenAsync("alice");
        var admin = await api.ConsoleTokenAsync("root");
        const string root = "/api/v1/console/playbook";

        foreach (var (method, path) in new[] { (HttpMethod.Get, root), (HttpMethod.Put, root), (HttpMethod.Get, root + "/versions"),
                     (HttpMethod.Get, root + "/versions/1"), (HttpMethod.Post, root + "/versions/1/rollback"), (HttpMethod.Post, root + "/dry-run") })
            Assert.Equal(HttpStatusCode.Forbidden, (await api.SendRawAsync(method, path, method == HttpMethod.Get ? null : Welcome, staff)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.SendRawAsync(HttpMethod.Put, root, Welcome, admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendRawAsync(HttpMethod.Put, root, Coupon, admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendRawAsync(HttpMethod.Post, root + "/versions/1/rollback", null, admin)).StatusCode);
        var refused = await api.SendRawAsync(HttpMethod.Put, root, """{ "timeZone": "Mars/Olympus" }""", admin);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["$.timeZone"], (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        var history = await api.Api.Playbook.ListVersionsAsync();
        Assert.Equal([(3, "staff:root"), (2, "staff:root"), (1, "staff:root")], history.Versions.Select(v => (v.Version, v.StoredBy)));
        var audit = await (await api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{api.Tenant}/audit", null, api.AdminKey)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(["PutConsolePlaybook:400", "RollbackConsolePlaybook:200", "PutConsolePlaybook:200", "PutConsolePlaybook:200"],
            audit!["items"]!.AsArray().Where(e => ((string?)e!["action"])!.Contains("ConsolePlaybook"))
                .Select(e => $"{(string?)e!["action"]}:{(int?)e["status"]}"));
        Assert.All(audit["items"]!.AsArray().Where(e => ((string?)e!["action"])!.Contains("ConsolePlaybook")), e => Assert.Equal("staff:root", (string?)e!["actor"]));
    }
}
