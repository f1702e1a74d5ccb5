using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// What a stopping node does with resident customers that changed since their last snapshot (issue 16): within
/// <c>Customers:ShutdownSnapshotBudget</c> they write one, after it they are left to the journal, and either way the
/// stop logs no warning or error and the customer comes back whole.
/// </summary>
public sealed class ShutdownSnapshotTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Within_the_budget_a_stopping_node_snapshots_each_changed_customer_and_logs_no_warning()
    {
        var (settings, api, stopLog) = await StopWithChangedCustomerAsync("within", "00:00:15");

        Assert.Equal(3L, await SnapshotSequenceAsync());
        Assert.Contains(stopLog, line => line.Contains("1 customers snapshotted within the budget, 0 left to their journal", StringComparison.Ordinal));
        await AssertComesBackWholeAsync(settings, api);
    }

    [Fact]
    public async Task Past_the_budget_a_stopping_node_leaves_the_customer_to_its_journal_and_it_comes_back_whole()
    {
        var (settings, api, stopLog) = await StopWithChangedCustomerAsync("past", "00:00:00");

        Assert.Equal(0L, await SnapshotSequenceAsync());
        Assert.Contains(stopLog, line => line.Contains("0 customers snapshotted within the budget, 1 left to their journal", StringComparison.Ordinal));
        await AssertComesBackWholeAsync(settings, api);
    }

    [Theory]
    [InlineData("00:00:25", "00:00:30")]
    [InlineData("00:00:15", "00:00:20")]
    public async Task A_stop_timeout_that_leaves_no_room_after_the_snapshot_budget_stops_the_host_at_start_naming_both(string budget, string stopTimeout)
    {
        using var host = HostProcess.Start(NodeSettings.Fresh(_database.ConnectionString, "invalid"),
            "--Customers:ShutdownSnapshotBudget", budget, "--Health:StopTimeout", stopTimeout);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(host.WaitUntilHealthyAsync);
        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains(host.Output, line => line.Contains("Health:StopTimeout", StringComparison.Ordinal) && line.Contains("Customers:ShutdownSnapshotBudget", StringComparison.Ordinal));
    }

    /// <summary>
    /// One customer with three events and no snapshot yet (one every 100 events), then SIGTERM. Returns what the host
    /// logged while stopping, after asserting that none of it was a warning or an error.
    /// </summary>
    private async Task<(NodeSettings Settings, PlatformClient Api, IReadOnlyList<string> StopLog)> StopWithChangedCustomerAsync(string cluster, string budget)
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, cluster);
        var api = new PlatformClient(settings.BaseAddress);
        using var host = HostProcess.Start(settings, "--Customers:ShutdownSnapshotBudget", budget,
            "--Logging:LogLevel:PrivateDomainGrains.Grains.Customers.ShutdownSnapshots", "Information");
        await host.WaitUntilHealthyAsync();
        await api.ProvisionAsync("acme", "alice");
        await api.PostEventsAsync(
            Events.FriendAdded("s-1", "li", "alice", nickname: "Li"),
            Events.OrderPaid("s-2", "li", "order-1", 199.5m),
            Events.MessageReceived("s-3", "li", "thanks!"));
        var before = host.Output.Count;

        await host.StopAsync();

        var stopLog = host.Output.Skip(before).ToArray();
        Assert.DoesNotContain(HostProcess.EntriesAt(stopLog, "warn", "fail", "crit"), e => !HostProcess.IsTimingNote(e));
        return (settings, api, stopLog);
    }

    /// <summary>The snapshot's journal sequence for the customer (0: none written).</summary>
    private Task<long> SnapshotSequenceAsync() =>
        _database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM pdg_customer_snapshots WHERE tenant = 'acme' AND customer_id = 'li'");

    /// <summary>Started again, the node has the customer's owner, name, counters and history, from snapshot or journal alike.</summary>
    private static async Task AssertComesBackWholeAsync(NodeSettings settings, PlatformClient api)
    {
        using var host = HostProcess.Start(settings);
        await host.WaitUntilHealthyAsync();
        var customer = (await api.Api.Customers.GetAsync("li"))!;
        Assert.Equal(("alice", "Li", "FirstPurchase"), (customer.Owner, customer.Name, customer.Tier));
        Assert.Equal((3L, 1, 199.5m), (customer.Counters.Events, customer.Counters.Orders, customer.Counters.Spend));
        var history = await api.Api.Customers.ListInteractionsAsync("li");
        Assert.Equal(["s-3", "s-2", "s-1"], history.Items.Select(i => i.EventId));
        api.Dispose();
    }
}
