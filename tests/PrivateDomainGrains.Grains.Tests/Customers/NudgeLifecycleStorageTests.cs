using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Grains.Tests.Customers;

/// <summary>What a nudge's lifecycle leaves in the inbox: how and when each closed, what was credited to it, where it moved.</summary>
public sealed class NudgeLifecycleStorageTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private static CustomerEvent Event(string id, string customerId, string type, string? staffId = null, string? text = null,
        Dictionary<string, string>? data = null, DateTimeOffset? at = null) =>
        new(id, customerId, type, at ?? DateTimeOffset.UtcNow, "wecom", staffId, text, data);

    private ICustomerGrain Customer(string tenant, string id) => fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id));

    private Task<string?> ClosedHowAsync(string tenant, string nudgeKind) =>
        fixture.ScalarAsync<string?>($"SELECT closed_how FROM pdg_nudges WHERE tenant = '{tenant}' AND kind = '{nudgeKind}'");

    [Fact]
    public async Task The_owners_own_message_closes_the_reply_and_welcome_in_the_inbox_as_done_by_action()
    {
        var zhao = Customer("lc1", "zhao");
        await zhao.IngestAsync([Event("lc1-1", "zhao", EventTypes.FriendAdded, staffId: "alice"), Event("lc1-2", "zhao", EventTypes.MessageReceived, text: "hi")]);
        Assert.Equal(2, (await fixture.Inbox.ReadOpenAsync("lc1", "alice", null, 10)).Count);

        await zhao.IngestAsync([Event("lc1-3", "zhao", EventTypes.MessageSent, staffId: "alice", text: "hello!")]);

        Assert.Empty(await fixture.Inbox.ReadOpenAsync("lc1", "alice", null, 10));
        Assert.Equal("done-by-action", await ClosedHowAsync("lc1", "welcome"));
        Assert.Equal("done-by-action", await ClosedHowAsync("lc1", "reply"));
        Assert.Null((await zhao.GetAsync())!.NextBestAction);
    }

    [Fact]
    public async Task An_order_after_a_nudge_was_done_is_credited_to_it_with_amount_and_currency()
    {
        var qian = Customer("lc2", "qian");
        await qian.IngestAsync([Event("lc2-1", "qian", EventTypes.FriendAdded, staffId: "alice")]);
        var welcome = Assert.Single(await fixture.Inbox.ReadOpenAsync("lc2", "alice", null, 10));
        await qian.RecordResponseAsync(welcome.NudgeId, NudgeResponse.Acted);

        await qian.IngestAsync([Event("lc2-2", "qian", EventTypes.OrderPaid, data: new() { ["orderId"] = "o-1", ["amount"] = "199.50", ["currency"] = "CNY" })]);

        Assert.Equal(199.50m, await fixture.ScalarAsync<decimal>($"SELECT order_amount FROM pdg_nudges WHERE tenant = 'lc2' AND nudge_id = '{welcome.NudgeId}'"));
        Assert.Equal("CNY", await fixture.ScalarAsync<string>($"SELECT order_currency FROM pdg_nudges WHERE tenant = 'lc2' AND nudge_id = '{welcome.NudgeId}'"));
    }

    [Fact]
    public async Task A_nudge_nobody_acts_on_closes_as_expired_when_the_customer_is_woken_after_its_expiry()
    {
        var sun = Customer("lc3", "sun");
        var addedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await sun.IngestAsync([Event("lc3-1", "sun", EventTypes.FriendAdded, staffId: "alice", at: addedAt)]);
        var view = (await sun.GetAsync())!;
        Assert.Equal(addedAt.AddDays(3), view.NextDueAt);

        await sun.WakeAsync(view.NextDueAt!.Value);

        Assert.Equal("expired", await ClosedHowAsync("lc3", "welcome"));
    }

    [Fact]
    public async Task A_new_owner_takes_the_nudges_addressed_to_the_owner_in_one_commit_and_the_change_is_recorded()
    {
        var li = Customer("lc4", "li");
        await li.IngestAsync([Event("lc4-1", "li", EventTypes.FriendAdded, staffId: "alice"), Event("lc4-2", "li", EventTypes.MessageReceived, text: "hi")]);

        await li.AssignOwnerAsync("bob");

        // The welcome is alice's own (the customer added her); the reply is the owner's.
        Assert.Equal("welcome", Assert.Single(await fixture.Inbox.ReadOpenAsync("lc4", "alice", null, 10)).Kind);
        Assert.Equal("reply", Assert.Single(await fixture.Inbox.ReadOpenAsync("lc4", "bob", null, 10)).Kind);
        Assert.True(await fixture.ScalarAsync<bool>(
            """SELECT detail = '{"from": "alice", "to": "bob", "how": "assigned"}'::jsonb FROM pdg_customer_changes WHERE tenant = 'lc4' AND kind = 'owner-changed' AND detail->>'to' = 'bob'"""));
    }
}
