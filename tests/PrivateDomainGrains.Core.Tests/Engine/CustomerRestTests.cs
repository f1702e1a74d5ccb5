using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>The engine's rest rule: a customer touched twice in 7 days is not touched a third time until one of them is a week old.</summary>
public sealed class CustomerRestTests
{
    /// <summary>A proactive nudge for every tag "poke-N" added by staff; no caps, no quiet hours: only the rest rule limits touches.</summary>
    private static readonly CompiledPlaybook Pokes = CompiledPlaybook.Compile(
        Playbook([.. Enumerable.Range(0, 3).Select(i => Rule("poke-" + i, new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "poke-" + i }))]));

    private static Decision Poke(CustomerProfile c, int rule, DateTimeOffset at, int? restAfterTouches = Arbitration.DefaultRestAfterTouches) =>
        Decide(Pokes, c, EngineInput.FromTag("poke-" + rule, true, at), at, restAfterTouches: restAfterTouches);

    [Fact]
    public void A_third_touch_within_a_week_waits_until_the_oldest_touch_is_a_week_old()
    {
        var c = Customer();
        Assert.Single(Poke(c, 0, T0).Raised);
        Assert.Single(Poke(c, 1, T0.AddDays(3)).Raised);

        var held = Assert.Single(Poke(c, 2, T0.AddDays(6.5)).Candidates);
        Assert.Equal((Verdict.Held, T0.AddDays(7), "customer resting: 2 touches in 7 days"), (held.Verdict, held.HoldUntil!.Value, held.Policy));
        Assert.Equal(held.Nudge.Id, Assert.Single(Tick(Pokes, c, T0.AddDays(7)).Raised).Nudge.Id);
    }

    [Fact]
    public void A_nudge_the_rest_would_delay_by_more_than_a_day_is_dropped_rather_than_saved_up()
    {
        var c = Customer();
        Poke(c, 0, T0);
        Poke(c, 1, T0.AddDays(1));

        var dropped = Assert.Single(Poke(c, 2, T0.AddDays(2)).Candidates);
        Assert.Equal((Verdict.Suppressed, "customer resting: 2 touches in 7 days"), (dropped.Verdict, dropped.Policy));
        Assert.Empty(c.Engine.Held ?? []);
        Assert.Empty(Tick(Pokes, c, T0.AddDays(7)).Raised);
    }

    [Fact]
    public void Without_the_rest_rule_only_the_contact_policy_limits_touches()
    {
        var c = Customer();
        Poke(c, 0, T0, restAfterTouches: null);
        Poke(c, 1, T0.AddHours(1), restAfterTouches: null);
        Assert.Single(Poke(c, 2, T0.AddHours(2), restAfterTouches: null).Raised);
    }
}
