using Microsoft.Extensions.Options;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// A notification committed with its change survives the node that was sending it: killed hard mid-attempt, another node
/// delivers it; and the lease that hands it over is long enough that no attempt under way is handed over.
/// </summary>
public sealed class WebhookDurabilityTests : IAsyncLifetime
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

    private static readonly string[] Webhooks =
    [
        "--Webhooks:AllowInsecureUrls", "true", "--Webhooks:AllowPrivateTargets", "true", "--Webhooks:PollInterval", "00:00:00.100", "--Webhooks:RetryBaseDelay", "00:00:00.200",
        "--Webhooks:RequestTimeout", "00:00:02", "--Webhooks:Lease", "00:00:03", "--Webhooks:ClaimBatch", "32",
    ];

    [Fact]
    public async Task A_node_killed_while_posting_a_notification_leaves_it_to_the_next_node_which_delivers_it()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "wh-kill");
        _receiver.Hold("kill");
        const string eventId = "kill-1";
        WebhookSecretIssued issued;
        string adminKey;
        using (var host = HostProcess.Start(settings, Webhooks))
        {
            await host.WaitUntilHealthyAsync();
            using var client = new PlatformClient(settings.BaseAddress);
            await client.ProvisionAsync("wh-kill", "alice");
            adminKey = client.AdminKey;
            issued = await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("kill"), ["nudge.raised"]));
            Assert.Equal(1, (await client.PostEventsAsync(Events.FriendAdded(eventId, "li", "alice"))).Accepted);
            await _receiver.WaitForAsync("kill", r => r.Count == 1);
            host.Kill(); // SIGKILL while the receiver holds the request: the attempt is never recorded
        }
        _receiver.Release("kill");

        using var next = HostProcess.Start(settings, Webhooks);
        await next.WaitUntilHealthyAsync();
        var requests = await _receiver.WaitForAsync("kill", r => r.Count >= 2, TimeSpan.FromSeconds(30));

        Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.Equal(eventId, requests[^1].Json.GetProperty("data").GetProperty("eventId").GetString());
        using var admin = new PlatformClient(settings.BaseAddress);
        var api = admin.Api.WithTenant("wh-kill", null, adminKey);
        for (var until = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < until; await Task.Delay(100))
        {
            var delivery = Assert.Single((await api.Webhooks.ListDeliveriesAsync(issued.Webhook.WebhookId)).Items);
            if (delivery.State == "delivered")
            {
                Assert.Equal(200, delivery.LastStatus);
                return;
            }
        }
        Assert.Fail("The delivery was not recorded as delivered");
    }

    /// <summary>
    /// A claim's last delivery starts after ceil(ClaimBatch / MaxConcurrentDeliveries) - 1 attempts: a lease shorter than the
    /// claim can take would let another node claim deliveries still under way, and receivers would get them twice.
    /// </summary>
    [Fact]
    public async Task A_lease_shorter_than_a_claim_to_slow_receivers_can_take_stops_the_host_at_start_up_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "wh-lease"),
                "--Webhooks:RequestTimeout", "00:00:10", "--Webhooks:ClaimBatch", "200", "--Webhooks:MaxConcurrentDeliveries", "32", "--Webhooks:Lease", "00:01:00"));
        Assert.Contains("Webhooks:Lease", failure.Message);
        Assert.Contains("00:01:10", failure.Message);
    }
}
