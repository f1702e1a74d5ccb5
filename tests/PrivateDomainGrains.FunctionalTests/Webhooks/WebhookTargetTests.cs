using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// Webhooks go to public addresses only (Webhooks:AllowPrivateTargets off, as in production): a subscription to
/// loopback, the cloud metadata service, a private network and the like is a 400 naming url, and a stored subscription
/// whose host resolves to such an address when a notification goes out is not connected to.
/// </summary>
public sealed class WebhookTargetTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string[] Webhooks(bool allowPrivateTargets) =>
    [
        "--Webhooks:AllowInsecureUrls", "true", "--Webhooks:AllowPrivateTargets", allowPrivateTargets ? "true" : "false",
        "--Webhooks:PollInterval", "00:00:00.100", "--Webhooks:RetryBaseDelay", "00:00:00.200", "--Webhooks:MaxRetryDelay", "00:00:01",
    ];

    [Fact]
    public async Task A_subscription_to_loopback_metadata_private_multicast_or_unspecified_addresses_is_refused_naming_url_and_nothing_is_stored()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "wh-targets"), Webhooks(allowPrivateTargets: false));
        using var client = new PlatformClient(node.BaseAddress);
        await client.ProvisionAsync("wh-targets", "alice");

        foreach (var (url, kind) in new[]
                 {
                     (_receiver.Url("direct"), "loopback"),
                     ($"http://localhost:{_receiver.Port}/named", "loopback"),
                     ("http://169.254.169.254/latest/meta-data/iam/security-credentials/", "link-local"),
                     ("https://10.1.2.3/hook", "private"),
                     ("https://172.16.0.1/hook", "private"),
                     ("https://192.168.1.10/hook", "private"),
                     ("https://[::1]/hook", "loopback"),
                     ("https://[fd12:3456::1]/hook", "private"),
                     ("https://[fe80::1]/hook", "link-local"),
                     ("https://[::ffff:169.254.169.254]/hook", "link-local"),
                     ("https://224.0.0.251/hook", "multicast"),
                     ("https://0.0.0.0/hook", "unspecified"),
                     ("https://2130706433/hook", "loopback"), // 127.0.0.1 written as one number
                 })
        {
            var refused = await client.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{client.Tenant}/webhooks",
                new { url, eventTypes = new[] { "nudge.raised" } }, client.AdminKey);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("\"url\"", problem);
            Assert.Contains(kind, problem);
        }
        Assert.Empty(await client.Api.Webhooks.ListAsync());

        // A public address is taken, and cannot be changed into a private one afterwards.
        var issued = await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest("https://93.184.215.14/hook", ["nudge.raised"]));
        var moved = await client.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{client.Tenant}/webhooks/{issued.Webhook.WebhookId}",
            new { url = "http://169.254.169.254/latest/meta-data/", eventTypes = new[] { "nudge.raised" } }, client.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("\"url\"", await moved.Content.ReadAsStringAsync());
        Assert.Equal("https://93.184.215.14/hook", (await client.Api.Webhooks.GetAsync(issued.Webhook.WebhookId))!.Url);
    }

    [Fact]
    public async Task A_stored_subscription_whose_name_resolves_to_loopback_at_delivery_is_not_connected_to_and_its_log_says_why()
    {
        // Stored while private targets were allowed: the same as a name that resolved to a public address when it was
        // subscribed and resolves to loopback now (DNS rebinding), since the dispatcher resolves and checks on every connection.
        var allowing = NodeSettings.Fresh(_database.ConnectionString, "wh-rebind");
        string webhookId;
        PlatformClient client;
        await using (var node = await PlatformNode.StartAsync(allowing, Webhooks(allowPrivateTargets: true)))
        {
            client = new PlatformClient(node.BaseAddress);
            await client.ProvisionAsync("wh-rebind", "alice");
            webhookId = (await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest($"http://localhost:{_receiver.Port}/rebind", ["nudge.raised"]))).Webhook.WebhookId;
        }

        await using var refusing = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "wh-rebind"), Webhooks(allowPrivateTargets: false));
        using var api = client.For(refusing.BaseAddress);
        client.Dispose();
        Assert.Equal(1, (await api.PostEventsAsync(Events.FriendAdded("rebind-1", "li", "alice"))).Accepted);

        WebhookDeliveryView? delivery = null;
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until && delivery?.Attempts is not >= 2; await Task.Delay(100))
            delivery = (await api.Api.Webhooks.ListDeliveriesAsync(webhookId)).Items.SingleOrDefault();

        Assert.NotNull(delivery);
        Assert.True(delivery.Attempts >= 2, "the refused attempt is retried like any failed one");
        Assert.Equal("pending", delivery.State);
        Assert.Null(delivery.LastStatus);
        Assert.Contains("localhost", delivery.LastError);
        Assert.Contains("loopback", delivery.LastError);
        Assert.Empty(_receiver.At("rebind"));
    }
}
