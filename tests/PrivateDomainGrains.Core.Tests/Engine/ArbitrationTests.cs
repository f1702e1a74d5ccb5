using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using static PrivateDomainGrains.Core.Tests.Fixture;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary><see cref="Arbitration.Judge"/> on planned nudges: the policy verdicts and the one proactive touch per decision.</summary>
public sealed class ArbitrationTests
{
    private static PlannedNudge Planned(string source, bool proactive, double value = 1, string? channel = "wecom") =>
        new("n-" + source, source, "Title", "Text", null, "reason", 50, source, "event page.viewed", channel, proactive, value, 1);

    [Fact]
    public void Reactive_nudges_are_all_raised_and_only_the_best_proactive_one_touches_the_customer()
    {
        var c = Customer();
        var (judged, chosen) = Arbitration.Judge(
            [Planned("answer", proactive: false), Planned("offer-low", proactive: true), Planned("offer-high", proactive: true, value: 3)],
            CompiledPlaybook.Compile(Playbook()), c, new DecisionContext(T0), TimeZoneInfo.Utc);

        Assert.Equal("offer-high", chosen!.Nudge.Source);
        Assert.Equal(["offer-high", "answer", "offer-low"], judged.Select(j => j.Nudge.Source));
        Assert.Equal([Verdict.Raised, Verdict.Raised, Verdict.Held], judged.Select(j => j.Verdict));
        Assert.Equal(T0, Assert.Single(c.Engine.Touches!).At);
        Assert.Equal("n-offer-low", Assert.Single(c.Engine.Held!).Nudge.Id);
    }

    [Fact]
    public void A_customer_without_an_owner_gets_answers_for_the_unassigned_queue_but_no_outreach()
    {
        var c = Customer();
        c.OwnerStaffId = null;
        var (judged, chosen) = Arbitration.Judge([Planned("answer", proactive: false), Planned("offer", proactive: true)],
            CompiledPlaybook.Compile(Playbook()), c, new DecisionContext(T0), TimeZoneInfo.Utc);

        Assert.Equal("answer", chosen?.Nudge.Source);
        Assert.Equal((Verdict.Suppressed, "no owner"), judged.Single(j => j.Nudge.Source == "offer") is var offer ? (offer.Verdict, offer.Policy) : default);
        Assert.Null(c.Engine.Touches);
    }

    [Fact]
    public void A_nudge_that_would_already_be_closed_is_not_raised()
    {
        var c = Customer();
        var (judged, chosen) = Arbitration.Judge([Planned("answer", proactive: false)], CompiledPlaybook.Compile(Playbook()), c,
            new DecisionContext(T0), TimeZoneInfo.Utc, _ => "already done-by-action: message.sent at 2026-01-01");

        Assert.Null(chosen);
        Assert.Equal((Verdict.Suppressed, "already done-by-action: message.sent at 2026-01-01"), (judged[0].Verdict, judged[0].Policy));
        Assert.Null(c.Engine.RecentNudges);
    }
}
