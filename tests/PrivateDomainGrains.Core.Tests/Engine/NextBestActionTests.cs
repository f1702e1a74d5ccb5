using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using static PrivateDomainGrains.Core.Tests.Fixture;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>
/// How the engine chooses the next-best-action among the candidates a decision raises: scores (value x propensity x
/// context x lever), learning, the active-hour wait, explanations and Thompson sampling, seen from a whole decision.
/// The choice itself, one step down, is <see cref="Arbitration"/>'s (<c>ArbitrationTests</c>).
/// </summary>
public sealed class NextBestActionTests
{
    /// <summary>Three proactive offers on the same event, worth 1, 2 and 3.</summary>
    private static CompiledPlaybook Offers()
    {
        var rules = Enumerable.Range(1, 3).Select(v =>
        {
            var r = Rule("offer-" + v, OnEvent(EventTypes.PageViewed));
            r.Value = v;
            return r;
        });
        return CompiledPlaybook.Compile(Playbook([.. rules]));
    }

    [Fact]
    public void One_next_best_action_is_chosen_and_the_runner_ups_keep_their_scores()
    {
        var c = Customer();
        var d = Send(Offers(), c, Event(EventTypes.PageViewed, T0));
        Assert.Equal("offer-3", d.Chosen!.Nudge.Source);
        Assert.Equal(1.5, d.Chosen.Score.Total);
        Assert.Equal([("offer-2", 1.0), ("offer-1", 0.5)], d.RunnerUps.Select(r => (r.Nudge.Source, r.Score.Total)));
        Assert.All(d.RunnerUps, r => Assert.Equal((Verdict.Held, "arbitration: lost to offer-3"), (r.Verdict, r.Policy)));
        Assert.Equal(d.Chosen.Nudge.Id, c.NextBestAction!.NudgeId);
    }

    [Fact]
    public void Learned_propensity_outweighs_a_higher_value()
    {
        var model = new PropensityModel();
        for (var i = 0; i < 30; i++)
        {
            model.Record("offer-1", "Prospect", NudgeOutcome.Ordered);
            model.Record("offer-2", "Prospect", NudgeOutcome.Ignored);
            model.Record("offer-3", "Prospect", NudgeOutcome.Dismissed);
        }
        var e = Event(EventTypes.PageViewed, T0);
        var d = DecisionEngine.Decide(Offers(), Customer(), EngineInput.FromEvent(e), new DecisionContext(T0) { Model = model });
        Assert.Equal("offer-1", d.Chosen!.Nudge.Source);
    }

    /// <summary>A customer who liked moments at 20:00 (Shanghai) every evening of the 5 days before <paramref name="until"/> (a 10:00).</summary>
    private static CustomerProfile ActiveInTheEvening(CompiledPlaybook p, DateTimeOffset until)
    {
        var c = Customer();
        for (var day = 5; day >= 1; day--) Send(p, c, Event(EventTypes.MomentLiked, until.AddDays(-day).AddHours(10)));
        return c;
    }

    [Fact]
    public void A_proactive_nudge_waits_for_the_customers_active_hour_and_is_raised_then()
    {
        var offers = Offers();
        var c = ActiveInTheEvening(offers, T0);
        var d = Send(offers, c, Event(EventTypes.PageViewed, T0)); // 10:00
        Assert.Null(d.Chosen);
        Assert.All(d.Candidates, n => Assert.Equal((Verdict.Held, "customer's active hour 20:00", T0.AddHours(10)), (n.Verdict, n.Policy, n.HoldUntil)));
        Assert.Equal(T0.AddHours(10), d.NextDueAt);

        var evening = Tick(offers, c, T0.AddHours(10));
        Assert.Equal("offer-3", evening.Chosen!.Nudge.Source);
    }

    [Fact]
    public void Without_waiting_for_the_active_hour_the_nudge_is_raised_at_once()
    {
        var offers = Offers();
        var c = ActiveInTheEvening(offers, T0);
        var d = DecisionEngine.Decide(offers, c, EngineInput.FromEvent(Event(EventTypes.PageViewed, T0)), new DecisionContext(T0) { WaitForActiveHour = false });
        Assert.Equal("offer-3", d.Chosen!.Nudge.Source);
    }

    [Fact]
    public void A_nudge_first_due_more_than_a_day_before_the_active_hour_does_not_wait_for_it()
    {
        var p = Playbook([.. Enumerable.Range(1, 2).Select(v => { var r = Rule("offer-" + v, OnEvent(EventTypes.PageViewed)); r.Value = v; return r; })]);
        p.ContactPolicy = new ContactPolicySpec { Caps = [new ContactCapSpec { Max = 1, Window = "50h" }] };
        var offers = CompiledPlaybook.Compile(p);
        var c = ActiveInTheEvening(offers, T0);
        var first = Send(offers, c, Event(EventTypes.PageViewed, T0.AddHours(10))); // 20:00, their hour: raised at once
        Assert.Equal("offer-2", first.Chosen!.Nudge.Source);

        // The runner-up waits for the cap until 22:00 two days later; 20:00 is then more than a day after it was first due.
        var d = Tick(offers, c, T0.AddDays(2).AddHours(12));
        Assert.Equal("offer-1", d.Chosen!.Nudge.Source);
    }

    [Fact]
    public void A_zero_lever_switches_a_rule_off()
    {
        var p = Playbook(Rule("paused", OnEvent(EventTypes.PageViewed)));
        p.Rules[0].Lever = 0;
        var candidate = Send(CompiledPlaybook.Compile(p), Customer(), Event(EventTypes.PageViewed, T0)).Candidates.Single();
        Assert.Equal((Verdict.Suppressed, "lever off"), (candidate.Verdict, candidate.Policy));
    }

    [Fact]
    public void Every_alternative_explains_its_rule_scores_and_policy()
    {
        var d = Send(Offers(), Customer(), Event(EventTypes.PageViewed, T0));
        Assert.Equal(
            "offer-2 (event page.viewed): score 1 = propensity 0.5 x value 2 x context 1 x lever 1; held until 2025-03-03 03:00:00Z by arbitration: lost to offer-3",
            d.RunnerUps.First().Explain());
        Assert.StartsWith("offer-3 (event page.viewed): score 1.5", d.Chosen!.Explain());
    }

    [Fact]
    public void Thompson_sampling_is_reproducible_with_the_same_random_seed()
    {
        var model = new PropensityModel();
        string Pick(int seed)
        {
            var e = Event(EventTypes.PageViewed, T0, id: "same");
            return DecisionEngine.Decide(Offers(), Customer(), EngineInput.FromEvent(e),
                new DecisionContext(T0) { Model = model, Random = new SeededRandom(seed) }).Chosen!.Nudge.Source;
        }
        Assert.Equal(Pick(42), Pick(42));
        Assert.True(Enumerable.Range(0, 40).Select(Pick).Distinct().Count() > 1, "untried actions must all get explored");
    }

    [Fact]
    public void A_propensity_given_in_the_context_scores_every_candidate_in_place_of_the_model()
    {
        var model = new PropensityModel();
        for (var i = 0; i < 30; i++) model.Record("offer-3", "Prospect", NudgeOutcome.Ordered);
        var asked = new List<(string Source, string Segment)>();
        var ctx = new DecisionContext(T0)
        {
            Model = model,
            Random = new SeededRandom(1),
            Propensity = (nudge, segment) =>
            {
                asked.Add((nudge.Source, segment));
                return nudge.Source == "offer-1" ? 0.9 : 0.1;
            },
        };

        var d = DecisionEngine.Decide(Offers(), Customer(), EngineInput.FromEvent(Event(EventTypes.PageViewed, T0)), ctx);

        Assert.Equal(("offer-1", 0.9, 0.9), (d.Chosen!.Nudge.Source, d.Chosen.Score.Propensity, d.Chosen.Score.Total));
        Assert.Equal([("offer-3", 0.3), ("offer-2", 0.2)], d.RunnerUps.Select(r => (r.Nudge.Source, Math.Round(r.Score.Total, 9))));
        Assert.Equal(["offer-1", "offer-2", "offer-3"], asked.Select(a => a.Source).Order());
        Assert.All(asked, a => Assert.Equal("Prospect", a.Segment));
    }
}
