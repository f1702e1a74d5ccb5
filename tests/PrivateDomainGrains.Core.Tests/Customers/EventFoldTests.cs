using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Customers;

public sealed class EventFoldTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(8));
    private long _sequence;

    private IReadOnlyList<NudgeDraft> Apply(CustomerProfile customer, string id, string type, string? staffId = null, string? text = null, Dictionary<string, string>? data = null) =>
        Fixture.DecideByDefault(customer, new CustomerEvent(id, customer.CustomerId, type, Noon, "wecom", staffId, text, data), ++_sequence);

    private static CustomerProfile NewCustomer() => new() { CustomerId = "li" };

    [Fact]
    public void A_new_friend_is_owned_by_the_staff_member_who_added_them_and_raises_a_welcome_nudge()
    {
        var li = NewCustomer();
        var nudge = Assert.Single(Apply(li, "e1", EventTypes.FriendAdded, staffId: "alice"));

        Assert.Equal("alice", li.OwnerStaffId);
        Assert.Equal(CustomerStatus.Active, li.Status);
        Assert.Equal(NudgeKinds.Welcome, nudge.Kind);
        Assert.Equal(NudgeKinds.Welcome, li.NextBestAction?.Kind);
    }

    [Fact]
    public void An_inbound_message_raises_a_reply_nudge_that_quotes_it()
    {
        var li = NewCustomer();
        Apply(li, "e1", EventTypes.FriendAdded, staffId: "alice");
        var nudge = Assert.Single(Apply(li, "e2", EventTypes.MessageReceived, text: "Do you have a foundation for oily skin?"));

        Assert.Equal(NudgeKinds.Reply, nudge.Kind);
        Assert.Contains("\"Do you have a foundation for oily skin?\"", nudge.Text);
        Assert.Contains("message.received", nudge.Reason);
        Assert.Equal(1, li.Counters.MessagesReceived);
    }

    [Fact]
    public void Long_messages_are_quoted_shortened()
    {
        var li = NewCustomer();
        Apply(li, "e1", EventTypes.FriendAdded, staffId: "alice");
        var nudge = Assert.Single(Apply(li, "e2", EventTypes.MessageReceived, text: new string('a', 500)));
        Assert.Contains(new string('a', 120) + "…", nudge.Text);
        Assert.DoesNotContain(new string('a', 121), nudge.Text);
    }

    [Fact]
    public void A_deleted_friend_is_lost_and_alerts_the_owner()
    {
        var li = NewCustomer();
        Apply(li, "e1", EventTypes.FriendAdded, staffId: "alice");
        var alert = Assert.Single(Apply(li, "e2", EventTypes.FriendDeleted));
        Assert.Equal(NudgeKinds.CustomerLost, alert.Kind);
        Assert.Equal(CustomerStatus.Lost, li.Status);
    }

    [Fact]
    public void Paid_orders_update_spend_order_count_and_tier_without_nudging()
    {
        var li = NewCustomer();
        Apply(li, "e1", EventTypes.FriendAdded, staffId: "alice");
        Assert.Empty(Apply(li, "e2", EventTypes.OrderPaid, data: new() { ["orderId"] = "o1", ["amount"] = "99.90", ["currency"] = "CNY" }));
        Assert.Equal(CustomerTier.FirstPurchase, li.Tier);
        Apply(li, "e3", EventTypes.OrderPaid, data: new() { ["orderId"] = "o2", ["amount"] = "100" });
        Apply(li, "e4", EventTypes.OrderRefunded, data: new() { ["orderId"] = "o2", ["amount"] = "100" });

        Assert.Equal((2, 1, 99.90m, "CNY"), (li.Counters.Orders, li.Counters.Refunds, li.Counters.Spend, li.Counters.Currency));
        Assert.Equal(CustomerTier.Repeat, li.Tier);
    }

    [Fact]
    public void Spend_is_kept_per_currency_and_never_added_across_currencies()
    {
        var li = NewCustomer();
        Apply(li, "e1", EventTypes.OrderPaid, data: new() { ["orderId"] = "o1", ["amount"] = "100", ["currency"] = "CNY" });
        Apply(li, "e2", EventTypes.OrderPaid, data: new() { ["orderId"] = "o2", ["amount"] = "20", ["currency"] = "USD" });
        Apply(li, "e3", EventTypes.OrderPaid, data: new() { ["orderId"] = "o3", ["amount"] = "5" });
        Apply(li, "e4", EventTypes.OrderRefunded, data: new() { ["orderId"] = "o2", ["amount"] = "7.5", ["currency"] = "USD" });
        Apply(li, "e5", EventTypes.OrderPaid, data: new() { ["orderId"] = "o4", ["amount"] = "300", ["currency"] = "JPY" });

        Assert.Equal((105m, "CNY"), (li.Counters.Spend, li.Counters.Currency));
        Assert.Equal([new("CNY", 105m), new("JPY", 300m), new("USD", 12.5m)], li.Counters.SpendByCurrency().ToArray());
    }

    [Fact]
    public void A_message_from_a_customer_without_an_owner_raises_a_reply_for_the_unassigned_queue()
    {
        var li = NewCustomer();
        var reply = Assert.Single(Apply(li, "e1", EventTypes.MessageReceived, text: "hello"));
        Assert.Equal(NudgeKinds.Reply, reply.Kind);
        Assert.Null(li.OwnerStaffId);
        Assert.Null(li.Engine.RecentNudges!.Single().To);
    }

    [Fact]
    public void A_staff_reply_settles_the_pending_reply()
    {
        var li = NewCustomer();
        Apply(li, "e1", EventTypes.FriendAdded, staffId: "alice");
        Apply(li, "e2", EventTypes.MessageReceived, text: "hi");
        Apply(li, "e3", EventTypes.MessageSent, staffId: "alice", text: "hello Li!");
        Assert.Null(li.NextBestAction);
        Assert.Equal(Noon, li.LastContactAt);
    }

    [Fact]
    public void Deciding_the_same_event_again_yields_the_same_nudge_ids()
    {
        var first = Apply(new CustomerProfile { CustomerId = "li", OwnerStaffId = "alice" }, "e9", EventTypes.MessageReceived, text: "x");
        var again = Apply(new CustomerProfile { CustomerId = "li", OwnerStaffId = "alice" }, "e9", EventTypes.MessageReceived, text: "x");
        Assert.Equal(first.Select(n => n.Id), again.Select(n => n.Id));
    }

    [Fact]
    public void Recent_history_stays_bounded_and_keeps_the_latest_events()
    {
        var li = NewCustomer();
        for (var i = 0; i < 200; i++) Apply(li, $"e{i}", EventTypes.PageViewed);
        Assert.Equal(CustomerProfile.RecentInteractionLimit, li.RecentInteractions.Count);
        Assert.Equal("e180", li.RecentInteractions[0].EventId);
        Assert.Equal("e199", li.RecentInteractions[^1].EventId);
        Assert.Equal(200, li.JournalSequence);
    }
}
