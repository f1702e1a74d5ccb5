using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Campaigns;

/// <summary>A campaign's nudge before the engine: one per customer and campaign, judged by the contact policy like any other.</summary>
public sealed class CampaignDecisionTests
{
    private static readonly CampaignScript Script = new("Spring offer for {name}", "Hi {name}");

    [Fact]
    public void A_campaign_raises_one_proactive_nudge_to_the_owner_with_its_source_and_rendered_script_and_never_a_second()
    {
        var c = Customer();
        var p = CompiledPlaybook.Compile(Playbook());
        var first = Decide(p, c, EngineInput.FromCampaign("cmp-1", Script), T0);
        var raised = Assert.Single(first.Raised).Nudge;
        Assert.Equal((CampaignNudges.IdFor("c1", "cmp-1"), "campaign:cmp-1", "Spring offer for Lin", "Hi Lin", true),
            (raised.Id, raised.Source, raised.Title, raised.Text, raised.Proactive));

        var again = Decide(p, c, EngineInput.FromCampaign("cmp-1", Script), T0.AddMinutes(1));
        Assert.Empty(again.Candidates);
        Assert.Single(Decide(p, c, EngineInput.FromCampaign("cmp-2", Script), T0.AddMinutes(2)).Raised);
    }

    [Fact]
    public void A_campaign_nudges_source_and_reason_name_its_campaign_and_a_rules_name_none()
    {
        var raised = Assert.Single(Decide(CompiledPlaybook.Compile(Playbook()), Customer(), EngineInput.FromCampaign("cmp-9", Script), T0).Raised).Nudge;

        Assert.Equal(("cmp-9", "cmp-9"), (CampaignNudges.CampaignOf(raised.Source), CampaignNudges.CampaignOfReason(raised.Kind, raised.Reason)));
        Assert.Null(CampaignNudges.CampaignOf("welcome"));
        Assert.Null(CampaignNudges.CampaignOf("campaign:"));
        Assert.Null(CampaignNudges.CampaignOf(null));
        Assert.Null(CampaignNudges.CampaignOfReason("welcome", "campaign cmp-9"));
        Assert.Null(CampaignNudges.CampaignOfReason(CampaignNudges.Kind, "campaign "));
    }

    [Fact]
    public void Quiet_hours_hold_a_campaign_nudge_until_they_end_and_a_held_one_is_not_planned_twice()
    {
        var spec = Playbook();
        spec.ContactPolicy = new ContactPolicySpec { QuietHours = new QuietHoursSpec { Start = "00:00", End = "23:59" } };
        var c = Customer();
        var p = CompiledPlaybook.Compile(spec);
        var held = Assert.Single(Decide(p, c, EngineInput.FromCampaign("cmp-1", Script), T0).Candidates);
        Assert.Equal(Verdict.Held, held.Verdict);
        Assert.Empty(Decide(p, c, EngineInput.FromCampaign("cmp-1", Script), T0.AddMinutes(1)).Candidates);
        Assert.Single(c.Engine.Held!);
    }

    [Fact]
    public void Variants_are_chosen_per_customer_by_hash_and_the_same_customer_always_gets_the_same_one()
    {
        var script = new CampaignScript("t", "x", [new("a", "A {name}", "a"), new("b", "B {name}", "b")]);
        var chosen = Enumerable.Range(0, 200).Select(i => script.VariantFor("c" + i, "cmp-1")!.Id).ToList();
        Assert.Equal(chosen, Enumerable.Range(0, 200).Select(i => script.VariantFor("c" + i, "cmp-1")!.Id));
        Assert.InRange(chosen.Count(v => v == "a"), 60, 140);
        var nudge = Assert.Single(Decide(CompiledPlaybook.Compile(Playbook()), Customer(), EngineInput.FromCampaign("cmp-1", script), T0).Raised).Nudge;
        Assert.Equal(script.VariantFor("c1", "cmp-1")!.Id, nudge.Variant);
        Assert.StartsWith(nudge.Variant == "a" ? "A Lin" : "B Lin", nudge.Title);
    }
}
