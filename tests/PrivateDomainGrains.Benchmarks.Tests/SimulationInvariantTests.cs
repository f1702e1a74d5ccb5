using System.Text.Json;
using PrivateDomainGrains.Benchmarks.Simulation;

namespace PrivateDomainGrains.Benchmarks.Tests;

/// <summary>A short simulation of every policy on one fixed seed (seconds), and what must hold for all of them.</summary>
public sealed class SimulationInvariantTests
{
    private static readonly SimulationSettings Short = new() { Customers = 800, Weeks = 8, JoinWeeks = 2, CustomersPerStaff = 200 };
    private const int Seed = 11;

    private static readonly Lazy<Dictionary<Policy, RunResult>> Runs = new(() =>
        Policies.All.AsParallel().Select(p => (p, Simulator.Run(Short, p, Seed))).ToDictionary(x => x.p, x => x.Item2));

    [Fact]
    public void No_policy_ever_breaks_a_contact_cap_or_quiet_hours()
    {
        foreach (var (policy, run) in Runs.Value)
        {
            Assert.True(run.Weekly.Sum(w => w.Raised) > 1000, $"{policy} raised proactive nudges");
            Assert.Equal((policy, 0L, 0L), (policy, run.Totals.CapViolations, run.Totals.QuietHourViolations));
            Assert.Empty(run.Totals.ViolationExamples);
        }
    }

    /// <summary>
    /// The oracle bounds the choice, not the volume: fixed priority touches tired customers a third time in a week, which
    /// every other policy (the engine's rest rule) does not, so it is compared with the policies that pace as shipped.
    /// </summary>
    [Fact]
    public void The_oracle_earns_at_least_as_much_in_expectation_as_every_policy_pacing_touches_as_shipped()
    {
        var oracle = ExpectedRevenue(Runs.Value[Policy.Oracle]);
        foreach (var (policy, run) in Runs.Value.Where(r => r.Key is not (Policy.Oracle or Policy.Fixed)))
            Assert.True(oracle >= ExpectedRevenue(run), $"oracle {oracle:F0} CNY vs {policy} {ExpectedRevenue(run):F0} CNY");
    }

    [Fact]
    public void Letting_tired_customers_rest_loses_fewer_friends_and_converts_more_per_nudge_than_fixed_priority()
    {
        var (engine, fixedPriority) = (Runs.Value[Policy.Engine].Totals, Runs.Value[Policy.Fixed].Totals);
        Assert.True(engine.ExpectedLostFriends < fixedPriority.ExpectedLostFriends,
            $"expected friends lost: engine {engine.ExpectedLostFriends:F1}, fixed {fixedPriority.ExpectedLostFriends:F1}");
        Assert.Equal(0, engine.DeliveredFourthIn7Days);
        Assert.True(fixedPriority.DeliveredFourthIn7Days > 0, "fixed priority fills the weekly cap of 3");
        Assert.True(ExpectedPerNudge(Runs.Value[Policy.Engine]) > ExpectedPerNudge(Runs.Value[Policy.Fixed]));
    }

    [Fact]
    public void Every_customer_joins_and_owners_act_on_most_nudges_and_some_messages_convert()
    {
        foreach (var (policy, run) in Runs.Value)
        {
            Assert.Equal(Short.Customers, run.Totals.CustomersJoined);
            var delivered = run.Weekly.Sum(w => w.Delivered) / (double)run.Weekly.Sum(w => w.Raised);
            Assert.InRange(delivered, 0.6, 0.8);
            Assert.True(run.Weekly.Sum(w => w.Conversions) > 0, $"{policy} converted");
        }
    }

    [Fact]
    public void Only_the_engine_learns_and_it_learns_from_the_decisions_own_signals()
    {
        var engine = Runs.Value[Policy.Engine];
        Assert.True(engine.Weekly.Sum(w => w.ProactiveOutcomes) > 1000);
        Assert.All(SimulationPlaybook.ProactiveSources, s => Assert.InRange(engine.BySource[s].LearnedPropensity!.Value, 0, 1));
        Assert.All(Runs.Value.Where(r => r.Key != Policy.Engine), r => Assert.All(r.Value.BySource.Values, s => Assert.Null(s.LearnedPropensity)));
    }

    [Fact]
    public void The_engine_learns_how_often_customers_answer_not_how_often_owners_click_done()
    {
        var engine = Runs.Value[Policy.Engine];
        // Owners act on 70 % of proactive nudges; customers answer (reply or order) a few to a dozen percent of them.
        foreach (var source in new[] { SimulationPlaybook.OfferNewArrival, SimulationPlaybook.OfferCoupon, SimulationPlaybook.CheckIn, SimulationPlaybook.OnboardingIntro })
            Assert.InRange(engine.BySource[source].LearnedPropensity!.Value, 0.01, 0.3);
    }

    [Fact]
    public void Waiting_for_the_active_hour_delivers_messages_when_customers_read_more()
    {
        var (timed, fixedPriority) = (Runs.Value[Policy.Timed].Totals, Runs.Value[Policy.Fixed].Totals);
        Assert.True(timed.MeanReadingAtDelivery > fixedPriority.MeanReadingAtDelivery + 0.05,
            $"reading weight at delivery: timed {timed.MeanReadingAtDelivery:F3}, fixed {fixedPriority.MeanReadingAtDelivery:F3}");
    }

    [Fact]
    public void A_run_is_reproducible_from_its_seed()
    {
        var settings = Short with { Customers = 200, Weeks = 3 };
        var a = Simulator.Run(settings, Policy.Engine, 5);
        var b = Simulator.Run(settings, Policy.Engine, 5);
        Assert.Equal(a.Totals.Decisions, b.Totals.Decisions);
        Assert.Equal(a.Weekly.Select(w => (w.Raised, w.Conversions, w.Revenue)), b.Weekly.Select(w => (w.Raised, w.Conversions, w.Revenue)));
    }

    /// <summary>The lanes meet at every model refresh and their figures are added in lane order, not thread order.</summary>
    [Theory]
    [InlineData(Policy.Engine)]
    [InlineData(Policy.Random)]
    public void A_run_gives_the_same_figures_on_one_thread_as_on_several(Policy policy)
    {
        var settings = Short with { Customers = 300, Weeks = 3 };
        var (one, three) = (Simulator.Run(settings, policy, 5, threads: 1), Simulator.Run(settings, policy, 5, threads: 3));
        one.Totals.WallSeconds = three.Totals.WallSeconds = 0;
        Assert.True(one.Weekly.Sum(w => w.Raised) > 100, "the runs raised proactive nudges");
        Assert.Equal(JsonSerializer.Serialize(SimulationSummary.Of(settings, [one]), SimulationCommand.Json),
            JsonSerializer.Serialize(SimulationSummary.Of(settings, [three]), SimulationCommand.Json));
    }

    [Fact]
    public void The_summary_pairs_the_engine_with_each_policy_and_regret_starts_at_the_oracle()
    {
        var summary = SimulationSummary.Of(Short, [.. Runs.Value.Values]);
        Assert.Equal(["engine-fixed", "engine-timed", "engine-random", "engine-oracle"], summary.EngineMargins.Keys);
        Assert.All(summary.Curves["regretRevenuePerCustomer"][Policy.Oracle.Name()].Max, r => Assert.Equal(0, r));
        Assert.Equal(Short.Weeks, summary.Curves["conversionRate"]["engine"].Median.Length);
    }

    private static double ExpectedRevenue(RunResult run) => run.Weekly.Sum(w => w.ExpectedRevenue);

    private static double ExpectedPerNudge(RunResult run) => run.Weekly.Sum(w => w.ExpectedConversions) / run.Weekly.Sum(w => w.Raised);
}
