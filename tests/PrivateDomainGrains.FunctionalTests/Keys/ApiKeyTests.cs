using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Keys;

/// <summary>Named API keys with scopes: made by the admin key, opening exactly the routes of their scopes, rotated with an overlap, revoked.</summary>
public sealed class ApiKeyTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Admin => platform.Client;

    private PrivateDomainGrainsClient With(string key) => Admin.Api.WithTenant(Admin.Tenant, key, key);

    private async Task<ApiKeyIssued> CreateAsync(string name, params string[] scopes) =>
        await Admin.Api.Keys.CreateAsync(new CreateApiKeyRequest(name, scopes));

    [Fact]
    public async Task A_key_with_events_write_posts_events_and_reading_a_customer_is_a_403_naming_customers_read()
    {
        var issued = await CreateAsync("events-only", "events:write");
        Assert.StartsWith("pdg_sk_" + issued.ApiKey.KeyId + "_", issued.Key);
        var client = With(issued.Key);

        var posted = await client.Events.PostAsync([Events.FriendAdded("k-ev-1", "k-li", "alice")]);
        Assert.Equal(1, posted.Accepted);

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => client.Customers.GetAsync("k-li"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'customers:read'", refused.Problem!.Detail);
        Assert.Contains("events-only", refused.Problem.Detail);
        var staff = await Assert.ThrowsAsync<PlatformApiException>(() => client.Staff.ListAsync());
        Assert.Contains("'staff:manage'", staff.Problem!.Detail);
    }

    [Fact]
    public async Task A_key_with_customers_read_looks_customers_up_by_identity_while_the_pending_pool_needs_admin()
    {
        await Admin.PostEventsAsync(new PostedEvent("k-id-1", "k-zhao", "friend.added", DateTimeOffset.UtcNow.AddMinutes(-1), "wecom", "alice",
            Identities: new Dictionary<string, string> { ["phone"] = "13512340001" }));
        var client = With((await CreateAsync("crm-lookup", "customers:read")).Key);

        Assert.Equal("k-zhao", (await client.Identities.LookupAsync("phone", "135 1234 0001"))!.CustomerId);
        Assert.Single((await client.Identities.ListAsync("k-zhao")).Identities);
        var pool = await Assert.ThrowsAsync<PlatformApiException>(() => client.Identities.ListPendingAsync());
        Assert.Equal(HttpStatusCode.Forbidden, pool.StatusCode);
        Assert.Contains("'admin'", pool.Problem!.Detail);
    }

    [Fact]
    public async Task A_key_with_webhooks_manage_manages_webhooks_on_an_admin_route_and_nothing_else()
    {
        var client = With((await CreateAsync("hooks", "webhooks:manage")).Key);

        var created = await client.Webhooks.CreateAsync(new CreateWebhookRequest("https://hooks.example.com/pdg", ["nudge.raised"]));
        await client.Webhooks.DeleteAsync(created.Webhook.WebhookId);

        var events = await Assert.ThrowsAsync<PlatformApiException>(() => client.Events.PostAsync([Events.FriendAdded("k-hk-1", "k-wu", "alice")]));
        Assert.Equal(HttpStatusCode.Forbidden, events.StatusCode);
        Assert.Contains("'events:write'", events.Problem!.Detail);
        var keys = await Assert.ThrowsAsync<PlatformApiException>(() => client.Keys.ListAsync());
        Assert.Contains("'admin'", keys.Problem!.Detail);
    }

    [Fact]
    public async Task A_key_with_the_admin_scope_opens_every_tenant_route_and_not_another_tenants()
    {
        var client = With((await CreateAsync("ops", "admin")).Key);

        Assert.NotEmpty(await client.Staff.ListAsync());
        Assert.Contains(await client.Keys.ListAsync(), k => k.Name == "ops" && k.State == "active");
        var other = Admin.Api.WithTenant("some-other-tenant", (await CreateAsync("ops2", "admin")).Key);
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => other.Customers.GetAsync("x"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_rotated_key_works_beside_its_successor_for_the_overlap_and_not_after()
    {
        var old = await CreateAsync("crm-sync", "customers:read");
        var overlapping = await Admin.Api.Keys.RotateAsync(old.ApiKey.KeyId, overlapMinutes: 60);
        Assert.Equal(("crm-sync", old.ApiKey.KeyId), (overlapping.ApiKey.Name, overlapping.ApiKey.RotatedFrom));
        Assert.NotNull(overlapping.Replaced!.ExpiresAt);
        Assert.Null(await With(old.Key).Customers.GetAsync("nobody-rot"));
        Assert.Null(await With(overlapping.Key).Customers.GetAsync("nobody-rot"));

        var immediate = await Admin.Api.Keys.RotateAsync(overlapping.ApiKey.KeyId, overlapMinutes: 0);

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => With(overlapping.Key).Customers.GetAsync("nobody-rot"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(await With(immediate.Key).Customers.GetAsync("nobody-rot"));
        Assert.Equal("expired", (await Admin.Api.Keys.ListAsync()).Single(k => k.KeyId == overlapping.ApiKey.KeyId).State);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_listed_as_revoked_with_when_it_was_last_used()
    {
        var issued = await CreateAsync("revoke-me", "customers:read");
        Assert.Null(await With(issued.Key).Customers.GetAsync("nobody-rev"));

        var revoked = await Admin.Api.Keys.RevokeAsync(issued.ApiKey.KeyId);

        Assert.Equal("revoked", revoked.State);
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => With(issued.Key).Customers.GetAsync("nobody-rev"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // When a key was last used is written beside its request, not before the answer: it shows shortly after.
        var listed = (await Admin.Api.Keys.ListAsync()).Single(k => k.KeyId == issued.ApiKey.KeyId);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); listed.LastUsedAt is null && DateTime.UtcNow < deadline; await Task.Delay(100))
            listed = (await Admin.Api.Keys.ListAsync()).Single(k => k.KeyId == issued.ApiKey.KeyId);
        Assert.NotNull(listed.LastUsedAt);
        Assert.NotNull(listed.RevokedAt);
        var tampered = issued.Key[..^2] + (issued.Key[^2] == 'A' ? "BB" : "AA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Admin.SendRawAsync(HttpMethod.Get, $"/api/v1/tenants/{Admin.Tenant}/customers/x", null, tampered)).StatusCode);
    }

    [Fact]
    public async Task A_bad_key_request_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var before = (await Admin.Api.Keys.ListAsync()).Count;

        var response = await Admin.SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{Admin.Tenant}/keys",
            """{"name":"","scopes":["events:write","everything"]}""", Admin.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"name\"", problem);
        Assert.Contains("'everything'", problem);
        Assert.Equal(before, (await Admin.Api.Keys.ListAsync()).Count);
        var integration = await Admin.SendRawAsync(HttpMethod.Get, $"/api/v1/tenants/{Admin.Tenant}/keys", null, Admin.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, integration.StatusCode);
    }
}
