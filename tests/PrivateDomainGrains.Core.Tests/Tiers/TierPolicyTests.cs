using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Tiers;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Tiers;

public sealed class TierPolicyTests
{
    private static readonly TierPolicy Tenant = TierPolicy.From(new TierSpec
    {
        SuperUser = new SuperUserSpec { MinOrders = 5, MinSpend = 2000, MaxDaysSinceOrder = 90 },
        DormantAfterDays = 60,
    });

    [Theory]
    [InlineData(0, 0, 1, CustomerTier.Prospect)]
    [InlineData(1, 100, 1, CustomerTier.FirstPurchase)]
    [InlineData(3, 500, 1, CustomerTier.Repeat)]
    [InlineData(5, 2000, 1, CustomerTier.SuperUser)]
    [InlineData(5, 1999, 1, CustomerTier.Repeat)]
    [InlineData(9, 9000, 61, CustomerTier.Dormant)]
    public void Tiers_follow_the_tenant_thresholds(int orders, decimal spend, double idleDays, CustomerTier tier)
    {
        Assert.Equal(tier, Tenant.TierOf(new CustomerValue(idleDays, idleDays, orders, spend, 0)));
    }

    [Fact]
    public void A_super_user_whose_last_order_is_too_old_is_no_longer_one()
    {
        Assert.Equal(CustomerTier.Repeat, Tenant.TierOf(new CustomerValue(120, 1, 9, 9000, 1000)));
    }

    [Property(MaxTest = 300)]
    public Property The_tier_is_a_function_of_the_counters_and_values()
    {
        var gen = Gen.Choose(0, 12).Zip(Gen.Choose(0, 5000)).Zip(Gen.Choose(0, 200).Zip(Gen.Choose(0, 200)));
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var ((orders, spend), (sinceOrder, sinceInteraction)) = x;
            var v = new CustomerValue(sinceOrder, sinceInteraction, orders, spend, 0);
            var same = new CustomerValue(sinceOrder, sinceInteraction, orders, spend, 123);
            return Tenant.TierOf(v) == Tenant.TierOf(same) && Tenant.TierOf(v) == TierPolicy.From(new TierSpec
            {
                SuperUser = new SuperUserSpec { MinOrders = 5, MinSpend = 2000, MaxDaysSinceOrder = 90 },
                DormantAfterDays = 60,
            }).TierOf(v);
        });
    }

    [Property(MaxTest = 100)]
    public Property Folding_the_same_orders_in_any_order_gives_the_same_tier()
    {
        var amounts = Gen.ListOf(Gen.Choose(1, 900));
        return Prop.ForAll(amounts.ToArbitrary(), list =>
        {
            var p = CompiledPlaybook.Compile(new Playbook { TenantId = "t1", Tiers = new TierSpec { SuperUser = new SuperUserSpec { MinOrders = 3, MinSpend = 1500 } } });
            CustomerTier TierAfter(IEnumerable<int> orders)
            {
                var c = Customer();
                var at = T0;
                foreach (var amount in orders) Send(p, c, Order(at = at.AddHours(1), amount));
                return c.Tier;
            }
            return TierAfter(list) == TierAfter(list.AsEnumerable().Reverse());
        });
    }

    [Fact]
    public void Becoming_a_super_user_fires_tier_change_rules()
    {
        var pb = Playbook(Rule("vip-welcome", new TriggerSpec { Kind = TriggerKinds.TierChanged, Tier = "SuperUser" }, Nudge("vip", proactive: false)));
        pb.Tiers = new TierSpec { SuperUser = new SuperUserSpec { MinSpend = 1000 } };
        var p = CompiledPlaybook.Compile(pb);
        var c = Customer();
        var d = Send(p, c, Order(T0, 1200));
        Assert.Equal(new TierChange(CustomerTier.Prospect, CustomerTier.SuperUser), d.TierChange);
        Assert.Equal("vip", d.Chosen!.Nudge.Kind);
    }

    [Fact]
    public void A_customer_turns_dormant_on_time_without_any_event()
    {
        var pb = Playbook(Rule("win-back", new TriggerSpec { Kind = TriggerKinds.TierChanged, Tier = "Dormant" }));
        pb.Tiers = new TierSpec { DormantAfterDays = 60 };
        var p = CompiledPlaybook.Compile(pb);
        var c = Customer();
        var d = Send(p, c, Event(EventTypes.MessageReceived, T0, text: "hi"));
        Assert.Equal(T0.AddDays(60), d.NextDueAt);
        var dormant = Tick(p, c, T0.AddDays(60));
        Assert.Equal(CustomerTier.Dormant, c.Tier);
        Assert.Equal("win-back", dormant.Chosen!.Nudge.Source);
    }
}
