using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests;

public sealed class CustomerGrainTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private static CustomerEvent Event(string id, string customerId, string type, string? staffId = null, string? text = null, Dictionary<string, string>? data = null) =>
        new(id, customerId, type, DateTimeOffset.UtcNow, "wecom", staffId, text, data);

    private ICustomerGrain Customer(string tenant, string id) => fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id));

    [Fact]
    public async Task Events_are_folded_into_the_profile_and_a_repeated_id_is_not_accepted_twice()
    {
        var li = Customer("t1", "li");
        var first = await li.IngestAsync([
            Event("t1-1", "li", "friend.added", staffId: "alice"),
            Event("t1-2", "li", "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "88.00", ["currency"] = "CNY" }),
        ]);
        var again = await li.IngestAsync([Event("t1-2", "li", "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "88.00" })]);

        Assert.Equal([true, true], first.Accepted);
        Assert.Equal([false], again.Accepted);
        var view = (await li.GetAsync())!;
        Assert.Equal("alice", view.Owner);
        Assert.Equal(1, view.Counters.Orders);
        Assert.Equal(88.00m, view.Counters.Spend);
        Assert.Equal("FirstPurchase", view.Tier);
    }

    [Fact]
    public async Task A_retry_older_than_the_profile_remembers_is_refused_by_the_journal_and_counted_once()
    {
        var he = Customer("t6", "he");
        await he.IngestAsync([Event("t6-order", "he", "order.paid", staffId: "alice", data: new() { ["orderId"] = "o1", ["amount"] = "50" })]);
        await he.IngestAsync(Enumerable.Range(1, 30).Select(i => Event($"t6-view-{i}", "he", "page.viewed")).ToArray());

        var retry = await he.IngestAsync([Event("t6-order", "he", "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "50" })]);

        Assert.Equal([false], retry.Accepted);
        var view = (await he.GetAsync())!;
        Assert.Equal((1, 50m, 31L), (view.Counters.Orders, view.Counters.Spend, view.Counters.Events));
    }

    [Fact]
    public async Task A_resend_is_a_duplicate_when_its_time_agrees_to_the_microsecond_or_the_server_stamped_it_and_a_conflict_otherwise()
    {
        var ma = Customer("t8", "ma");
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var order = new CustomerEvent("t8-order", "ma", "order.paid", at, "shop", null, null, new Dictionary<string, string> { ["orderId"] = "o1", ["amount"] = "5" });
        var stamped = Event("t8-view", "ma", "page.viewed") with { AtOnArrival = true };
        await ma.IngestAsync([order, stamped]);
        // Pushed out of the recent interactions, so the journal (which keeps microseconds) answers for them.
        await ma.IngestAsync(Enumerable.Range(1, 30).Select(i => Event($"t8-view-{i}", "ma", "page.viewed")).ToArray());

        var resent = await ma.IngestAsync([
            order with { At = at.AddTicks(-7) },
            stamped with { At = DateTimeOffset.UtcNow.AddSeconds(5) },
            order with { Id = "t8-view", Type = "order.paid" },
            Event("t8-order", "ma", "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "5" }),
        ]);

        Assert.Equal([false, false, false, false], resent.Accepted);
        Assert.Equal([false, false, true, true], resent.Conflicts?.Select(c => c is not null) ?? []);
    }

    [Fact]
    public async Task A_customer_replays_journaled_events_it_never_folded_and_stores_their_nudges()
    {
        // As after a crash: the journal has events that no snapshot holds.
        await fixture.Writer.WriteAsync(new WriteRequest { Events = [
            new JournalRow("t2", "wang", 1, new CustomerEvent("t2-1", "wang", "friend.added", DateTimeOffset.UtcNow, "wecom", "alice", null, null)),
            new JournalRow("t2", "wang", 2, new CustomerEvent("t2-2", "wang", "message.received", DateTimeOffset.UtcNow, "wecom", null, "price?", null)),
        ] });

        var view = (await Customer("t2", "wang").GetAsync())!;

        Assert.Equal(2, view.Counters.Events);
        Assert.Equal("reply", view.NextBestAction!.Kind);
        var inbox = await OpenNudgesAsync("t2", "alice");
        Assert.Equal(["reply", "welcome"], inbox.Select(n => n.Kind).Order());
    }

    [Fact]
    public async Task A_reply_waits_in_the_unassigned_queue_until_an_owner_is_assigned_and_reassigning_moves_open_nudges()
    {
        var chen = Customer("t3", "chen");
        var first = await chen.IngestAsync([Event("t3-1", "chen", "message.received", text: "hi")]);
        Assert.Null(first.Owner);
        Assert.Equal("t3-1", Assert.Single(await OpenNudgesAsync("t3", "")).EventId);

        await chen.AssignOwnerAsync("alice");
        await chen.IngestAsync([Event("t3-2", "chen", "message.received", text: "hello?")]);
        Assert.Empty(await OpenNudgesAsync("t3", ""));
        Assert.Equal(["t3-1", "t3-2"], (await OpenNudgesAsync("t3", "alice")).Select(n => n.EventId).Order());

        await chen.AssignOwnerAsync("bob");

        Assert.Empty(await OpenNudgesAsync("t3", "alice"));
        Assert.Equal(["t3-1", "t3-2"], (await OpenNudgesAsync("t3", "bob")).Select(n => n.EventId).Order());
    }

    [Fact]
    public async Task A_bulk_handover_does_not_undo_a_reassignment_made_since()
    {
        var qin = Customer("t7", "qin");
        await qin.IngestAsync([Event("t7-1", "qin", "friend.added", staffId: "alice")]);
        await qin.AssignOwnerAsync("carol");

        Assert.False(await qin.HandOverAsync("alice", "bob"));
        Assert.Equal("carol", (await qin.GetAsync())!.Owner);
        Assert.True(await qin.HandOverAsync("carol", "bob"));
        Assert.Equal("bob", (await qin.GetAsync())!.Owner);
    }

    [Fact]
    public async Task A_staff_grain_pushes_new_nudges_to_subscribed_nodes()
    {
        var received = new TaskCompletionSource<Nudge[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A client holds the object behind a reference weakly: unheld, a collection (forced here, as a busy run makes
        // one) dropped the push.
        var observer = new RecordingObserver(received);
        var node = fixture.Cluster.Client.CreateObjectReference<INudgeObserver>(observer);
        await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.For("t4", "alice")).SubscribeAsync(node);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        await Customer("t4", "zhou").IngestAsync([Event("t4-1", "zhou", "friend.added", staffId: "alice")]);

        var nudge = Assert.Single(await received.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        GC.KeepAlive(observer);
        Assert.Equal(("welcome", "zhou", "alice", "t4-1"), (nudge.Kind, nudge.CustomerId, nudge.StaffId, nudge.EventId));
    }

    [Fact]
    public async Task Staff_belong_to_their_tenant_roster_and_cannot_join_a_tenant_that_does_not_exist()
    {
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>("t5").CreateAsync("T5", [1], [2]));
        Assert.False(await fixture.Grains.GetGrain<ITenantGrain>("t5").CreateAsync("T5 again", [1], [2]));
        Assert.True(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.For("t5", "alice")).CreateAsync("Alice", "hash"));
        Assert.False(await fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.For("t5", "alice")).CreateAsync("Alice", "hash"));

        Assert.Equal(["alice"], await fixture.Grains.GetGrain<ITenantGrain>("t5").GetStaffIdsAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.For("nope", "x")).CreateAsync("X", "hash"));
    }

    private Task<List<NudgeRow>> OpenNudgesAsync(string tenant, string staffId) => fixture.Inbox.ReadOpenAsync(tenant, staffId, null, 100);

    private sealed class RecordingObserver(TaskCompletionSource<Nudge[]> received) : INudgeObserver
    {
        public Task OnNudgesAsync(Nudge[] nudges)
        {
            received.TrySetResult(nudges);
            return Task.CompletedTask;
        }

        public Task OnSignedOutAsync(string tenant, string staffId) => Task.CompletedTask;

        public Task OnNudgesChangedAsync(string tenant, string staffId, NudgeChange[] changes) => Task.CompletedTask;
    }
}
