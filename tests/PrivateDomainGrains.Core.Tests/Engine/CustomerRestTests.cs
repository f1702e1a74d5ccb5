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

    private static Decision Poke(CustomerProfile c, int rule, DateTimeOffset at, bool letCustomersRest = true) =>
        Decide(Pokes, c, EngineInput.FromTag("poke-" + rule, true, at), at, letCustomersRest: letCustomersRest);

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
        Poke(c, 0, T0, letCustomersRest: false);
        Poke(c, 1, T0.AddHours(1), letCustomersRest: false);
        Assert.Single(Poke(c, 2, T0.AddHours(2), letCustomersRest: false).Raised);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    public void A_tenant_sets_how_many_touches_in_a_week_come_before_a_rest_and_0_turns_it_off(int restAfterTouches, int touchesRaised)
    {
        var spec = Playbook([.. Enumerable.Range(0, 3).Select(i => Rule("poke-" + i, new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "poke-" + i }))]);
        spec.ContactPolicy.RestAfterTouches = restAfterTouches;
        var playbook = CompiledPlaybook.Compile(spec);
        var c = Customer();

        var raised = Enumerable.Range(0, 3).Sum(i => Decide(playbook, c, EngineInput.FromTag("poke-" + i, true, T0.AddHours(i)), T0.AddHours(i)).Raised.Count());

        Assert.Equal(touchesRaised, raised);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(PlaybookValidator.MaxRestAfterTouches + 1)]
    public void A_rest_after_touches_outside_0_to_50_is_refused_at_its_field(int restAfterTouches)
    {
        var spec = Playbook([Rule("poke-0", new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "poke-0" })]);
        spec.ContactPolicy.RestAfterTouches = restAfterTouches;

        Assert.Contains("$.contactPolicy.restAfterTouches", PlaybookValidator.Validate(spec).Select(e => e.Path));
    }
}
