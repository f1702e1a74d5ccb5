using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>What waits for its customer, and what names customers, is stored before the answer: it survives kill -9.</summary>
public sealed class PendingPoolDurabilityTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_pooled_order_and_the_identities_of_accepted_events_survive_kill_minus_9_and_the_order_is_attached_after_restart()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "pool-crash");
        using var api = new PlatformClient(settings.BaseAddress);
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());
        var order = new PostedEvent("kp-order", null, "order.paid", at, Channel: "shop", Identities: new Dictionary<string, string> { ["phone"] = "13100131000" },
            Data: new Dictionary<string, string> { ["orderId"] = "T-9", ["amount"] = "66", ["currency"] = "CNY" });
        using (var host = HostProcess.Start(settings, "--Customers:SnapshotEveryEvents", "100000"))
        {
            await host.WaitUntilHealthyAsync();
            await api.ProvisionAsync("acme", "alice");
            var pooled = await api.PostEventsAsync(order);
            var known = await api.PostEventsAsync(new PostedEvent("kp-add", "kp-li", "friend.added", StaffId: "alice",
                Identities: new Dictionary<string, string> { ["unionid"] = "o6_kp" }));
            Assert.Single(pooled.Pooled);
            Assert.Equal(1, known.Accepted);
            host.Kill();
        }

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            Assert.Equal("pending", (await api.Api.Identities.GetPendingAsync("kp-order"))!.State);
            Assert.Equal("kp-li", (await api.Api.Identities.LookupAsync("unionid", "o6_kp"))!.CustomerId);

            var added = await api.Api.Identities.AddAsync("kp-li", new Dictionary<string, string> { ["phone"] = "+86 131 0013 1000" });

            Assert.Equal(1, added.AttachedFromPool);
            Assert.Equal((1, 66m), ((await api.Api.Customers.GetAsync("kp-li"))!.Counters.Orders, (await api.Api.Customers.GetAsync("kp-li"))!.Counters.Spend));
            Assert.Equal(1, (await api.PostEventsAsync(order)).Duplicates);
            host.Kill();
        }
    }
}
