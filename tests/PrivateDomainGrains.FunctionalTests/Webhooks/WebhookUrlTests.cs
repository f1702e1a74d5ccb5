using System.Net;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// A subscription's URL is taken exactly as sent or refused (400 naming url, nothing stored), and a tenant subscribes a
/// URL once: the same URL again, however its scheme, host case and default port are written, is a 409 naming url.
/// </summary>
public sealed class WebhookUrlTests(WebhookPlatform platform) : IClassFixture<WebhookPlatform>
{
    public static TheoryData<string, string> RefusedUrls => new()
    {
        // the URL sent, a word the reason must hold
        { " https://crm.example.com/pdg", "white space" },
        { "https://crm.example.com/pdg ", "white space" },
        { "https://crm.example.com/pdg\t", "control characters" },
        { "https://crm.example.com/p dg", "white space" },
        { "https://crm.example.com\\pdg", "'\\'" },
        { "https://crm.example.com:0/pdg", "port 0" },
        { "https://crm.example.com:65536/pdg", "port 65536" },
        { "https://crm.example.com:99999999999/pdg", "1-65535" },
        { "https://user:secret@crm.example.com/pdg", "user info" },
        { "https://@crm.example.com/pdg", "user info" },
        { "https://crm.example.com/pdg#section", "fragment" },
        { "https://crm.example.com/pdg#", "fragment" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_url_that_is_not_exactly_what_would_be_requested_is_refused_naming_url_and_nothing_is_stored(string url, string reason)
    {
        var client = await platform.TenantAsync("wh-url-" + Guid.NewGuid().ToString("N")[..8]);

        foreach (var (method, path) in new[] { (HttpMethod.Post, "webhooks"), (HttpMethod.Put, "webhooks/" + await SubscribeAsync(client, "https://ok.example.com/a")) })
        {
            var refused = await client.SendAsync(method, $"/api/v1/tenants/{client.Tenant}/{path}", new { url, eventTypes = new[] { "nudge.raised" } }, client.AdminKey);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Contains(reason, (string)problem["errors"]!["url"]![0]!);
        }
        Assert.Equal(["https://ok.example.com/a"], (await client.Api.Webhooks.ListAsync()).Select(w => w.Url));
    }

    [Fact]
    public async Task The_same_url_subscribed_again_is_a_409_naming_url_and_the_subscription_that_has_it()
    {
        var client = await platform.TenantAsync("wh-url-same");
        var first = await SubscribeAsync(client, "https://crm.example.com/pdg?source=pdg");

        foreach (var same in new[] { "https://crm.example.com/pdg?source=pdg", "HTTPS://CRM.Example.COM:443/pdg?source=pdg" })
        {
            var again = await client.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{client.Tenant}/webhooks",
                new { url = same, eventTypes = new[] { "customer.*" } }, client.AdminKey);

            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var problem = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
            Assert.Contains(first, (string)problem["errors"]!["url"]![0]!);
        }
        // Another path, another port or another query is another URL.
        var other = await SubscribeAsync(client, "https://crm.example.com/pdg/?source=pdg");
        await SubscribeAsync(client, "https://crm.example.com:8443/pdg?source=pdg");

        var moved = await client.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{client.Tenant}/webhooks/{other}",
            new { url = "https://crm.example.com/pdg?source=pdg", eventTypes = new[] { "nudge.*" } }, client.AdminKey);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Contains("\"url\"", await moved.Content.ReadAsStringAsync());
        Assert.Equal("https://crm.example.com/pdg/?source=pdg", (await client.Api.Webhooks.GetAsync(other))!.Url);
        // A subscription keeps its own URL when it changes the rest.
        var kept = await client.Api.Webhooks.UpdateAsync(first, new UpdateWebhookRequest("https://crm.example.com/pdg?source=pdg", ["nudge.*"]));
        Assert.Equal("nudge.*", kept.EventTypes.Single());
        Assert.Equal(3, (await client.Api.Webhooks.ListAsync()).Count);
    }

    [Fact]
    public async Task Subscribing_one_url_many_times_at_once_stores_one_subscription()
    {
        var client = await platform.TenantAsync("wh-url-race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{client.Tenant}/webhooks",
            new { url = "https://crm.example.com/race", eventTypes = new[] { "nudge.raised" } }, client.AdminKey)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(await client.Api.Webhooks.ListAsync());
    }

    private static async Task<string> SubscribeAsync(PlatformClient client, string url) =>
        (await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(url, ["nudge.raised"]))).Webhook.WebhookId;
}
