using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>Variants and holdouts: each customer is assigned for good, in proportion to the weights; held-out decisions are recorded, never shown.</summary>
public sealed class VariantTests
{
    private static Playbook Offer(double holdout, params (string Id, double Weight, string Title)[] variants)
    {
        var p = Playbook(Rule("offer", OnEvent(EventTypes.PageViewed)));
        var action = p.Rules[0].Actions[0];
        action.Holdout = holdout;
        action.Variants = [.. variants.Select(v => new VariantSpec { Id = v.Id, Weight = v.Weight, Title = v.Title })];
        return p;
    }

    [Fact]
    public void Assignment_is_deterministic_and_follows_the_weights_within_tolerance_over_ten_thousand_customers()
    {
        var template = CompiledPlaybook.Compile(Offer(0.1, ("a", 1, "A"), ("b", 3, "B"))).Rules[0].Actions[0].Nudge!;
        var assigned = Enumerable.Range(0, 10_000).Select(i => VariantAssignment.Of(template, "customer-" + i, "offer")).ToList();

        Assert.Equal(assigned, Enumerable.Range(0, 10_000).Select(i => VariantAssignment.Of(template, "customer-" + i, "offer")));
        var share = assigned.GroupBy(v => v).ToDictionary(g => g.Key!, g => g.Count() / 10_000.0);
        // Expected 10 %, 22.5 %, 67.5 %; three standard errors of a share of 10,000 are under 1.5 points.
        Assert.InRange(share["holdout"], 0.085, 0.115);
        Assert.InRange(share["a"], 0.21, 0.24);
        Assert.InRange(share["b"], 0.66, 0.69);
    }

    [Fact]
    public void A_variant_replaces_the_texts_it_gives_and_is_recorded_with_the_nudge()
    {
        var p = CompiledPlaybook.Compile(Offer(0, ("only", 1, "Variant {name}")));
        var nudge = Send(p, Customer(), Event(EventTypes.PageViewed, T0)).Chosen!.Nudge;
        Assert.Equal(("Variant Lin", "only", "Say hello to Lin"), (nudge.Title, nudge.Variant, nudge.Text));
    }

    [Fact]
    public void A_held_out_customers_decision_is_raised_for_the_record_but_touches_no_one_and_is_not_the_next_best_action()
    {
        var p = CompiledPlaybook.Compile(Offer(0.9));
        var c = Customer();
        c.CustomerId = Enumerable.Range(0, 100).Select(i => "h" + i).First(id => VariantAssignment.Unit(id, "offer") < 0.9);

        var d = Send(p, c, Event(EventTypes.PageViewed, T0));

        var raised = Assert.Single(d.Raised).Nudge;
        Assert.True(raised.HeldOut);
        Assert.Null(d.Chosen);
        Assert.Null(c.NextBestAction);
        Assert.Null(c.Engine.Touches);
        // Its customer's order within the window still counts for the test, though no one acted on anything.
        var order = Send(p, c, Order(T0.AddHours(2), 30));
        Assert.Equal((raised.Id, NudgeOutcome.Ordered), (Assert.Single(order.Conversions).NudgeId, order.Conversions[0].Outcome));
        Assert.Empty(order.Credits);
    }
}
