using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>A merge is stored before its answer: after kill -9 the absorbed id still redirects, and an undo still restores.</summary>
public sealed class CustomerMergeDurabilityTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task After_kill_minus_9_the_absorbed_id_still_reads_and_receives_as_the_survivor_and_an_undo_restores_both()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "merge-crash");
        using var api = new PlatformClient(settings.BaseAddress);
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());
        PostedEvent Message(string id, string customer, int minute) => new(id, customer, "message.received", at.AddMinutes(minute), "wecom", Text: "hi");
        string merge2;
        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            await api.ProvisionAsync("acme", "alice");
            await api.PostEventsAsync(new PostedEvent("kd-1", "kd-wx", "friend.added", at, "wecom", "alice"), Message("kd-2", "kd-wx", 1),
                new PostedEvent("kd-3", "kd-shop", "order.paid", at.AddMinutes(2), "shop", Identities: new Dictionary<string, string> { ["phone"] = "13200132000" },
                    Data: new Dictionary<string, string> { ["orderId"] = "T-1", ["amount"] = "50", ["currency"] = "CNY" }),
                Message("kd-4", "kd2-wx", 3), Message("kd-5", "kd2-shop", 4), Message("kd-6", "kd2-shop", 5));
            await api.Api.Customers.MergeAsync("kd-wx", "kd-shop");
            merge2 = (await api.Api.Customers.MergeAsync("kd2-wx", "kd2-shop")).Merge.MergeId;
            host.Kill();
        }

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            var viaAbsorbed = (await api.Api.Customers.GetAsync("kd-shop"))!;
            Assert.Equal(("kd-wx", 3L, 1), (viaAbsorbed.CustomerId, viaAbsorbed.Counters.Events, viaAbsorbed.Counters.Orders));
            Assert.Equal(1, (await api.PostEventsAsync(Message("kd-7", "kd-shop", 6))).Accepted);
            Assert.Equal(["kd-7", "kd-3", "kd-2", "kd-1"], (await api.Api.Customers.ListInteractionsAsync("kd-shop")).Items.Select(i => i.EventId));
            Assert.Equal("kd-wx", (await api.Api.Identities.LookupAsync("phone", "+8613200132000"))!.CustomerId);

            await api.Api.Customers.UndoMergeAsync("kd2-wx", merge2);

            Assert.Equal(("kd2-shop", 2L), ((await api.Api.Customers.GetAsync("kd2-shop"))!.CustomerId, (await api.Api.Customers.GetAsync("kd2-shop"))!.Counters.Events));
            Assert.Equal(1L, (await api.Api.Customers.GetAsync("kd2-wx"))!.Counters.Events);
            host.Kill();
        }
    }
}
