using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Handovers;

namespace PrivateDomainGrains.Grains.Tests.Handovers;

public sealed class HandoverGrainTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private ICustomerGrain Customer(string tenant, string id) => fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id));

    private static CustomerEvent FriendAdded(string id, string customerId, string staffId) =>
        new(id, customerId, "friend.added", DateTimeOffset.UtcNow, "wecom", staffId, null, null);

    [Fact]
    public async Task The_ownership_index_follows_each_customers_owner()
    {
        await Customer("o1", "li").IngestAsync([FriendAdded("o1-1", "li", "alice")]);
        await Customer("o1", "wang").IngestAsync([FriendAdded("o1-2", "wang", "alice")]);
        Assert.Equal(["li", "wang"], await fixture.Owners.PageAsync("o1", "alice", "", 10));

        await Customer("o1", "li").AssignOwnerAsync("bob");

        Assert.Equal(["wang"], await fixture.Owners.PageAsync("o1", "alice", "", 10));
        Assert.Equal(["li"], await fixture.Owners.PageAsync("o1", "bob", "", 10));
        Assert.Equal(["wang"], await fixture.Owners.PageAsync("o1", "alice", "li", 10));
    }

    [Fact]
    public async Task A_handover_moves_more_customers_than_one_page_and_starting_it_again_changes_nothing()
    {
        var customers = Enumerable.Range(0, 1200).Select(i => $"c{i:D4}").ToArray();
        await Task.WhenAll(customers.Select((c, i) => Customer("o2", c).IngestAsync([FriendAdded($"o2-{i}", c, "alice")])));
        var handover = fixture.Grains.GetGrain<IHandoverGrain>(GrainKeys.For("o2", "h1"));

        var started = await handover.StartAsync("alice", "bob");
        var again = await handover.StartAsync("carol", "dave");

        Assert.Equal(("alice", "bob", 1200L), (again.From, again.To, started.Total));
        var done = (await Eventually.Async(handover.GetAsync, view => view!.State == HandoverStates.Completed))!;
        Assert.Equal((1200L, 1200L, 0L), (done.Total, done.Moved, done.Failed));
        Assert.Empty(await fixture.Owners.PageAsync("o2", "alice", "", 10));
        Assert.Equal(1200, (await fixture.Owners.PageAsync("o2", "bob", "", 2000)).Count);
        Assert.Equal("bob", (await Customer("o2", "c0777").GetAsync())!.Owner);
    }
}
