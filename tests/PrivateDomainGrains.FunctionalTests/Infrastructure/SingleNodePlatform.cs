namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>A test-class fixture: its own database, one node, and a tenant with staff alice and bob.</summary>
public sealed class SingleNodePlatform : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public PlatformNode Node { get; private set; } = null!;
    public PlatformClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "single"));
        Client = new PlatformClient(Node.BaseAddress);
        await Client.ProvisionAsync("acme", "alice", "bob");
    }

    public Task<ConsoleClient> ConsoleAsync(string staffId) => ConsoleAsync(staffId, Node.BaseAddress);

    public async Task<ConsoleClient> ConsoleAsync(string staffId, Uri node) => await ConsoleClient.ConnectAsync(node, await Client.ConsoleTokenAsync(staffId));

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Node.DisposeAsync();
        await _database.DisposeAsync();
    }
}
