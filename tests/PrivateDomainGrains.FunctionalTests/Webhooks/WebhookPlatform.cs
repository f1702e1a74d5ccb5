using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// A test-class fixture: its own database, one node whose dispatcher polls every 100 ms, retries after 200 ms (doubling,
/// at most 1 s), accepts http URLs and disables a subscription after 5 failures in a row; and a receiver on 127.0.0.1.
/// Each test provisions a tenant of its own (<see cref="TenantAsync"/>).
/// </summary>
public sealed class WebhookPlatform : IAsyncLifetime
{
    public const int DisableAfterFailures = 5;

    private readonly TestDatabase _database = new();
    private readonly List<PlatformClient> _clients = [];

    public PlatformNode Node { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "webhooks"),
            "--Webhooks:AllowInsecureUrls", "true", "--Webhooks:AllowPrivateTargets", "true",
            "--Webhooks:PollInterval", "00:00:00.100",
            "--Webhooks:RetryBaseDelay", "00:00:00.200",
            "--Webhooks:MaxRetryDelay", "00:00:01",
            "--Webhooks:DisableAfterConsecutiveFailures", DisableAfterFailures.ToString(),
            "--Webhooks:DisableAfterFailingFor", "00:00:00");
        Receiver = await WebhookReceiver.StartAsync();
    }

    /// <summary>A new tenant with staff alice.</summary>
    public async Task<PlatformClient> TenantAsync(string tenant)
    {
        var client = new PlatformClient(Node.BaseAddress);
        _clients.Add(client);
        await client.ProvisionAsync(tenant, "alice");
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Receiver.DisposeAsync();
        await Node.DisposeAsync();
        await _database.DisposeAsync();
    }
}
