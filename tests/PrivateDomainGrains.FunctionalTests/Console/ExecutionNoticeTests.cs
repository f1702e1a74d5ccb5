using System.Collections.Concurrent;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The hub's execution notices across a cluster of two nodes: a manager's dashboard watching on node B hears
/// <c>executionChanged</c> when a staff member of the team, consoled on node A, gets nudges or clicks Done, never for
/// another team, at most once a second however many change; its watch-only connection gets no nudges; staff may not watch.
/// </summary>
public sealed class ExecutionNoticeTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_dashboard_on_one_node_hears_its_teams_changes_made_on_the_other_at_most_once_a_second_and_nothing_of_another_team()
    {
        await using var nodeA = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "exec-notice"));
        await using var nodeB = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "exec-notice"));
        using var apiA = new PlatformClient(nodeA.BaseAddress);
        await apiA.ProvisionAsync("acme", "alice", "bob");
        await apiA.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await apiA.Api.Staff.UpdateAsync("bob", new UpdateStaffRequest(Team: "south"));
        await apiA.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));

        var notices = new ConcurrentQueue<DateTimeOffset>();
        var nudgesToDashboard = 0;
        var miaToken = await apiA.ConsoleTokenAsync("mia");
        await using var dashboard = new ConsoleHubClient(nodeB.BaseAddress, () => Task.FromResult<string?>(miaToken), new ConsoleHubOptions { WatchOnly = true });
        dashboard.OnExecutionChanged(() => notices.Enqueue(DateTimeOffset.UtcNow));
        dashboard.OnNudges(n => Interlocked.Add(ref nudgesToDashboard, n.Count));
        await dashboard.StartAsync();
        Assert.Equal("watching", await dashboard.WatchExecutionAsync());

        var aliceToken = await apiA.ConsoleTokenAsync("alice");
        await using (var staffWatch = new ConsoleHubClient(nodeB.BaseAddress, () => Task.FromResult<string?>(aliceToken), new ConsoleHubOptions { WatchOnly = true }))
        {
            await staffWatch.StartAsync();
            Assert.Equal("forbidden", await staffWatch.WatchExecutionAsync());
        }

        // Another team's nudge: nothing for the north's dashboard (once bob's own console has it, the notice would have been sent).
        await using var bob = await ConsoleClient.ConnectAsync(nodeA.BaseAddress, await apiA.ConsoleTokenAsync("bob"));
        await apiA.PostEventsAsync(Events.FriendAdded("s-1", "south-1", "bob"));
        await bob.WaitForAsync(n => n.CustomerId == "south-1");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than the throttle's interval: a notice due would have gone
        Assert.Empty(notices);

        // The team's: twenty customers (their grains on both silos), raised at once, then one Done from node A.
        await using var alice = await ConsoleClient.ConnectAsync(nodeA.BaseAddress, aliceToken);
        await apiA.PostEventsAsync([.. Enumerable.Range(0, 20).Select(i => Events.FriendAdded($"n-{i}", $"north-{i}", "alice"))]);
        var nudge = await alice.WaitForAsync(n => n.CustomerId == "north-0");
        for (var i = 1; i < 20; i++) await alice.WaitForAsync(n => n.CustomerId == $"north-{i}");
        await Eventually.UntilAsync(() => !notices.IsEmpty);
        var beforeDone = notices.Count;
        Assert.Equal("closed", await alice.AckAsync(nudge.Id));
        await Eventually.UntilAsync(() => notices.Count > beforeDone);

        var at = notices.ToArray();
        Assert.All(at.Zip(at.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.9), $"two notices {pair.Second - pair.First} apart"));
        Assert.Equal(0, nudgesToDashboard);
    }

    /// <summary>Waiting for a condition a push makes true, polling every 50 ms for at most 15 s.</summary>
    private static class Eventually
    {
        public static async Task UntilAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "not within 15 s");
                await Task.Delay(50);
            }
        }
    }
}
