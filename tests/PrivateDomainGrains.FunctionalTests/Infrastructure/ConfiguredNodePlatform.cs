namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>
/// A test-class fixture for a node with settings of its own: its own database, one node started with
/// <paramref name="arguments"/> (command-line settings such as <c>--IdentityImports:PageSize 10</c>), and the tenant
/// and data <see cref="SeedAsync"/> provisions through the API.
/// </summary>
public abstract class ConfiguredNodePlatform(string name, params string[] arguments) : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public PlatformNode Node { get; private set; } = null!;
    public PlatformClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Node = await PlatformNode.StartAsync(NodeSettings.Fresh(Database.ConnectionString, name), arguments);
        Client = new PlatformClient(Node.BaseAddress);
        await SeedAsync(Client);
    }

    /// <summary>The tenant, staff and customers every test of the class starts from.</summary>
    protected abstract Task SeedAsync(PlatformClient client);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
