using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class TwoNodeClusterTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_event_posted_to_node_A_reaches_a_console_connected_to_node_B()
    {
        await using var nodeA = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "two-nodes"));
        await using var nodeB = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "two-nodes"));
        using var apiA = new PlatformClient(nodeA.BaseAddress);
        await apiA.ProvisionAsync("acme", "alice");
        using var apiB = apiA.For(nodeB.BaseAddress);
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"));

        await using var console = await ConsoleClient.ConnectAsync(nodeB.BaseAddress, await apiB.ConsoleTokenAsync("alice"));
        // Enough customers that their grains land on both silos.
        for (var i = 0; i < 20; i++)
            await apiA.PostEventsAsync(Events.FriendAdded($"x-{i}", $"customer-{i}", "alice"));

        for (var i = 0; i < 20; i++)
            await console.WaitForAsync(n => n.EventId == $"x-{i}");
    }
}
