using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Customers;

public sealed class CustomerMergeTests
{
    private static CustomerProfile Fold(string id, string? owner, params CustomerEvent[] events)
    {
        var customer = new CustomerProfile { CustomerId = id, OwnerStaffId = owner };
        var sequence = 0;
        foreach (var e in events) DecideByDefault(customer, e, ++sequence);
        return customer;
    }

    [Fact]
    public void The_survivor_gains_the_absorbed_customers_history_counters_and_tags_and_keeps_its_own_owner_and_name()
    {
        var survivor = Fold("wx", "alice", Event(EventTypes.FriendAdded, T0, id: "s1"), Event(EventTypes.MessageReceived, T0.AddMinutes(5), "hi", id: "s2"));
        survivor.DisplayName = "Lin";
        survivor.Tags.Add("vip");
        var absorbed = Fold("shop", "bob", Order(T0.AddMinutes(1), 120m), Order(T0.AddMinutes(9), 80m), Event(EventTypes.MessageReceived, T0.AddMinutes(7), "order?", id: "a3"));
        absorbed.DisplayName = "lin_shop";
        absorbed.Tags.Add("buyer");

        CustomerMerge.Fold(survivor, absorbed);

        Assert.Equal(("Lin", "alice"), (survivor.DisplayName, survivor.OwnerStaffId));
        Assert.Equal(5L, survivor.JournalSequence);
        Assert.Equal((5L, 2, 2, 200m), (survivor.Counters.Events, survivor.Counters.MessagesReceived, survivor.Counters.Orders, survivor.Counters.Spend));
        Assert.Equal(["buyer", "vip"], survivor.Tags);
        Assert.Equal(T0, survivor.FirstSeenAt);
        Assert.Equal(T0.AddMinutes(9), survivor.LastOrderAt);
        Assert.Equal(CustomerStatus.Active, survivor.Status);
        // Interleaved by event time, as if both had been one customer's all along.
        Assert.Equal(survivor.RecentInteractions.OrderBy(i => i.At).Select(i => i.EventId), survivor.RecentInteractions.Select(i => i.EventId));
        Assert.Equal(5, survivor.RecentInteractions.Count);
        Assert.True(survivor.HasSeenEvent("a3"));
        Assert.Equal(T0.AddMinutes(9), survivor.Engine.LastTime(EventTypes.OrderPaid));
    }

    [Fact]
    public void Spend_in_another_currency_is_kept_apart_and_never_added_across_currencies()
    {
        var survivor = new CustomerProfile { CustomerId = "a", Counters = { Spend = 100m, Currency = "CNY", Orders = 1 } };
        var absorbed = new CustomerProfile { CustomerId = "b", Counters = { Spend = 30m, Currency = "USD", Orders = 1, OtherSpend = new() { ["CNY"] = 5m } } };

        CustomerMerge.Fold(survivor, absorbed);

        Assert.Equal([new("CNY", 105m), new("USD", 30m)], survivor.Counters.SpendByCurrency());
        Assert.Equal(2, survivor.Counters.Orders);
    }

    [Fact]
    public void A_customer_without_owner_or_name_takes_the_absorbed_ones_and_the_higher_tier_wins_over_dormancy()
    {
        var survivor = new CustomerProfile { CustomerId = "a", Tier = CustomerTier.Dormant };
        var absorbed = new CustomerProfile { CustomerId = "b", OwnerStaffId = "bob", OwnerBasis = OwnerBasis.Follower, DisplayName = "Wei", Tier = CustomerTier.FirstPurchase };

        CustomerMerge.Fold(survivor, absorbed);

        Assert.Equal(("bob", OwnerBasis.Follower, "Wei", CustomerTier.FirstPurchase), (survivor.OwnerStaffId, survivor.OwnerBasis, survivor.DisplayName, survivor.Tier));
    }

    [Fact]
    public void A_sop_both_run_continues_at_the_survivors_step_and_the_absorbed_ones_other_runs_join_it()
    {
        var survivor = new CustomerProfile { CustomerId = "a" };
        survivor.Engine.Sequences = [new SequenceRun { Id = "welcome", Step = 2 }];
        var absorbed = new CustomerProfile { CustomerId = "b" };
        absorbed.Engine.Sequences = [new SequenceRun { Id = "welcome", Step = 0 }, new SequenceRun { Id = "second-purchase", Step = 1 }];
        absorbed.Engine.Dismissals = new() { ["rule-a"] = 2 };
        survivor.Engine.Dismissals = new() { ["rule-a"] = 1 };

        CustomerMerge.Fold(survivor, absorbed);

        Assert.Equal([("welcome", 2), ("second-purchase", 1)], survivor.Engine.Sequences!.Select(s => (s.Id, s.Step)));
        Assert.Equal(3, survivor.Engine.DismissalsOf("rule-a"));
    }
}
