using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// Webhook subscriptions in a cluster of two nodes: a group commit writes notifications only for tenants it knows
/// subscribe (each node reads them at most every 500 ms), so a subscription answers only once every node knows it.
/// </summary>
public sealed class WebhookClusterTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode[] _nodes = [];
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        string[] webhooks = ["--Webhooks:AllowInsecureUrls", "true", "--Webhooks:AllowPrivateTargets", "true", "--Webhooks:PollInterval", "00:00:00.100"];
        _nodes = await Task.WhenAll(
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "webhook-cluster"), webhooks),
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "webhook-cluster"), webhooks));
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Fact]
    public async Task Every_nudge_raised_through_either_node_after_a_subscription_answered_is_notified()
    {
        using var first = new PlatformClient(_nodes[0].BaseAddress);
        await first.ProvisionAsync("wh-cluster", "alice");
        using var second = first.For(_nodes[1].BaseAddress);
        // Both nodes keep committing for the tenant, so each holds a freshly read list of subscribed tenants without it.
        using var busy = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !busy.IsCancellationRequested; i++)
            {
                await first.PostEventsAsync(Events.FriendAdded($"e-busy-a{i}", $"busy-a{i}", "alice"));
                await second.PostEventsAsync(Events.FriendAdded($"e-busy-b{i}", $"busy-b{i}", "alice"));
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(1));

        await first.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("cluster"), ["nudge.raised"], "cluster receiver"));
        string[] customers = [.. Enumerable.Range(1, 10).Select(i => $"after-{i}")];
        await Task.WhenAll(customers.Select((c, i) => (i % 2 == 0 ? first : second).PostEventsAsync(Events.FriendAdded("e-" + c, c, "alice"))));
        busy.Cancel();
        await traffic;

        var notified = await _receiver.WaitForAsync("cluster", r => customers.All(c => r.Any(x => x.Json.GetProperty("customerId").GetString() == c)));
        Assert.All(customers, c => Assert.Single(notified, x => x.Json.GetProperty("customerId").GetString() == c));
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        foreach (var node in _nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
    }
}
