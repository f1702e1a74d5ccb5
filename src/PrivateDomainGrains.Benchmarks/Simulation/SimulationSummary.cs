namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// Every run of a simulation summarised per policy across seeds (median and range), the engine's paired margins over
/// the other policies (same seed, same customers), and weekly curves for the report. Serialized as the JSON report.
/// </summary>
public sealed class SimulationSummary
{
    /// <summary>Weeks over which the conversion rate is rolled before it is compared with the oracle's.</summary>
    public const int RollingWeeks = 4;
    /// <summary>"Within 10% of the oracle's conversion rate".</summary>
    public const double Tolerance = 0.10;

    public required SimulationSettings Settings { get; init; }
    public required int[] Seeds { get; init; }
    public required Dictionary<string, PolicySummary> Policies { get; init; }
    /// <summary>Engine minus each other policy, per seed: "engine-fixed" etc.</summary>
    public required Dictionary<string, Margins> EngineMargins { get; init; }
    /// <summary>Curve name -> policy -> weekly median and range across seeds.</summary>
    public required Dictionary<string, Dictionary<string, Curve>> Curves { get; init; }
    public required List<RunResult> Runs { get; init; }

    public static SimulationSummary Of(SimulationSettings settings, IReadOnlyList<RunResult> runs)
    {
        var seeds = runs.Select(r => r.Seed).Distinct().Order().ToArray();
        var policies = runs.Select(r => r.Policy).Distinct().OrderBy(p => PolicyOrder.IndexOf(p)).ToList();
        RunResult? OracleOf(int seed) => runs.FirstOrDefault(r => r.Seed == seed && r.Policy == Policy.Oracle.Name());

        var summaries = new Dictionary<string, PolicySummary>();
        var curves = new Dictionary<string, Dictionary<string, Curve>>
        {
            ["conversionRate"] = [], ["realizedConversionRate"] = [], ["regretRevenuePerCustomer"] = [], ["regretConversionsPer1000"] = [],
            ["lostFriendsPer1000"] = [], ["revenuePerCustomer"] = [], ["outcomes"] = [], ["nudgesPerCustomer"] = [],
        };
        foreach (var policy in policies)
        {
            var mine = runs.Where(r => r.Policy == policy).OrderBy(r => r.Seed).ToList();
            var perSeed = mine.Select(r => RunFigures.Of(r, OracleOf(r.Seed))).ToList();
            summaries[policy] = PolicySummary.Of(mine, perSeed);
            curves["conversionRate"][policy] = Curve.Of(perSeed.Select(f => f.RollingRate));
            curves["realizedConversionRate"][policy] = Curve.Of(perSeed.Select(f => f.RealizedRollingRate));
            curves["lostFriendsPer1000"][policy] = Curve.Of(perSeed.Select(f => f.LostPer1000));
            curves["revenuePerCustomer"][policy] = Curve.Of(perSeed.Select(f => f.RevenuePerCustomer));
            curves["outcomes"][policy] = Curve.Of(perSeed.Select(f => f.Outcomes));
            curves["nudgesPerCustomer"][policy] = Curve.Of(perSeed.Select(f => f.NudgesPerCustomer));
            if (perSeed.All(f => f.RegretRevenue is not null))
            {
                curves["regretRevenuePerCustomer"][policy] = Curve.Of(perSeed.Select(f => f.RegretRevenue!));
                curves["regretConversionsPer1000"][policy] = Curve.Of(perSeed.Select(f => f.RegretConversions!));
            }
        }

        var margins = new Dictionary<string, Margins>();
        var engine = runs.Where(r => r.Policy == Policy.Engine.Name()).ToDictionary(r => r.Seed);
        foreach (var other in policies.Where(p => p != Policy.Engine.Name()))
        {
            var pairs = runs.Where(r => r.Policy == other && engine.ContainsKey(r.Seed))
                .Select(r => (Engine: RunFigures.Of(engine[r.Seed], null), Other: RunFigures.Of(r, null))).ToList();
            if (pairs.Count == 0) continue;
            margins[$"engine-{other}"] = new Margins
            {
                ConversionsPerNudge = Spread.Of(pairs.Select(p => p.Engine.ConversionsPerNudge - p.Other.ConversionsPerNudge)),
                ExpectedConversionsPerNudge = Spread.Of(pairs.Select(p => p.Engine.ExpectedConversionsPerNudge - p.Other.ExpectedConversionsPerNudge)),
                RevenuePerCustomer = Spread.Of(pairs.Select(p => p.Engine.RevenuePerCustomerTotal - p.Other.RevenuePerCustomerTotal)),
                LostFriendsPer1000 = Spread.Of(pairs.Select(p => p.Engine.LostPer1000Total - p.Other.LostPer1000Total)),
                ExpectedLostFriendsPer1000 = Spread.Of(pairs.Select(p => p.Engine.ExpectedLostPer1000 - p.Other.ExpectedLostPer1000)),
            };
        }
        return new SimulationSummary { Settings = settings, Seeds = seeds, Policies = summaries, EngineMargins = margins, Curves = curves, Runs = [.. runs] };
    }

    private static readonly List<string> PolicyOrder = [.. Simulation.Policies.All.Select(p => p.Name())];
}

/// <summary>One policy across seeds. Rates are per proactive nudge raised; money in CNY; regret is against the oracle on the same seed.</summary>
public sealed class PolicySummary
{
    public required Spread ConversionsPerNudge { get; init; }
    /// <summary>Conversions without the dice: the summed true order chance of every delivered message, per nudge raised.</summary>
    public required Spread ExpectedConversionsPerNudge { get; init; }
    public required Spread RepliesPerNudge { get; init; }
    public required Spread NudgesPerCustomer { get; init; }
    /// <summary>Share of raised proactive nudges the owner acted on.</summary>
    public required Spread DeliveredShare { get; init; }
    /// <summary>Revenue of the orders proactive messages caused, per customer.</summary>
    public required Spread RevenuePerCustomer { get; init; }
    /// <summary>Caused plus organic revenue per customer.</summary>
    public required Spread AllRevenuePerCustomer { get; init; }
    public required Spread LostFriendsPer1000 { get; init; }
    /// <summary>Friends lost without the dice (<see cref="RunTotals.ExpectedLostFriends"/>) per 1,000 customers, and the part from flooding.</summary>
    public required Spread ExpectedLostFriendsPer1000 { get; init; }
    public required Spread ExpectedLostFromFloodPer1000 { get; init; }
    /// <summary>Per customer: delivered proactive messages beyond the customer's weekly tolerance, and those that were the fourth or later in 7 days.</summary>
    public required Spread DeliveredOverTolerancePerCustomer { get; init; }
    public required Spread DeliveredFourthIn7DaysPerCustomer { get; init; }
    public Spread? RegretRevenuePerCustomer { get; init; }
    public Spread? RegretConversionsPer1000 { get; init; }
    /// <summary>
    /// Per seed: the first week (1-based) from which the rolling expected conversion rate stays within 10% of the
    /// oracle's; null if never, or when the oracle did not run (then <see cref="RegretRevenuePerCustomer"/> is null too).
    /// </summary>
    public required List<int?> WeekWithin10Percent { get; init; }
    /// <summary>Per seed: learning outcomes recorded into the model by the end of that week (all sources, and proactive ones).</summary>
    public required List<long?> OutcomesWithin10Percent { get; init; }
    public required List<long?> ProactiveOutcomesWithin10Percent { get; init; }
    /// <summary>Summed over seeds: must be 0.</summary>
    public required long CapViolations { get; init; }
    public required long QuietHourViolations { get; init; }
    public required Spread DeliveredInQuietHoursShare { get; init; }
    public required Spread MeanReadingAtDelivery { get; init; }
    public required Spread MeanBestReadingAllowed { get; init; }
    public required Spread HeldPerCustomerMean { get; init; }
    public required Spread HeldPerCustomerMax { get; init; }
    public required Spread WallSeconds { get; init; }
    public required Spread Decisions { get; init; }
    /// <summary>Per proactive source: share of the nudges raised, true conversions per delivered message, what the model learned.</summary>
    public required Dictionary<string, SourceSummary> BySource { get; init; }

    internal static PolicySummary Of(List<RunResult> runs, List<RunFigures> figures) => new()
    {
        ConversionsPerNudge = Spread.Of(figures.Select(f => f.ConversionsPerNudge)),
        ExpectedConversionsPerNudge = Spread.Of(figures.Select(f => f.ExpectedConversionsPerNudge)),
        RepliesPerNudge = Spread.Of(figures.Select(f => f.RepliesPerNudge)),
        NudgesPerCustomer = Spread.Of(figures.Select(f => f.NudgesPerCustomer[^1])),
        DeliveredShare = Spread.Of(figures.Select(f => f.DeliveredShare)),
        RevenuePerCustomer = Spread.Of(figures.Select(f => f.RevenuePerCustomerTotal)),
        AllRevenuePerCustomer = Spread.Of(figures.Select(f => f.AllRevenuePerCustomer)),
        LostFriendsPer1000 = Spread.Of(figures.Select(f => f.LostPer1000Total)),
        ExpectedLostFriendsPer1000 = Spread.Of(figures.Select(f => f.ExpectedLostPer1000)),
        ExpectedLostFromFloodPer1000 = Spread.Of(runs.Select(r => r.Totals.ExpectedLostFromFlood * 1000.0 / r.Customers)),
        DeliveredOverTolerancePerCustomer = Spread.Of(runs.Select(r => (double)r.Totals.DeliveredOverTolerance / r.Customers)),
        DeliveredFourthIn7DaysPerCustomer = Spread.Of(runs.Select(r => (double)r.Totals.DeliveredFourthIn7Days / r.Customers)),
        RegretRevenuePerCustomer = figures.All(f => f.RegretRevenue is not null) ? Spread.Of(figures.Select(f => f.RegretRevenue![^1])) : null,
        RegretConversionsPer1000 = figures.All(f => f.RegretConversions is not null) ? Spread.Of(figures.Select(f => f.RegretConversions![^1])) : null,
        WeekWithin10Percent = [.. figures.Select(f => f.WeekWithin is { } w ? w + 1 : (int?)null)],
        OutcomesWithin10Percent = [.. figures.Select(f => f.WeekWithin is { } w ? (long)f.Outcomes[w] : (long?)null)],
        ProactiveOutcomesWithin10Percent = [.. figures.Select(f => f.WeekWithin is { } w ? (long)f.ProactiveOutcomes[w] : (long?)null)],
        CapViolations = runs.Sum(r => r.Totals.CapViolations),
        QuietHourViolations = runs.Sum(r => r.Totals.QuietHourViolations),
        DeliveredInQuietHoursShare = Spread.Of(runs.Select(r => Ratio(r.Totals.DeliveredInQuietHours, r.Weekly.Sum(w => w.Delivered)))),
        MeanReadingAtDelivery = Spread.Of(runs.Select(r => r.Totals.MeanReadingAtDelivery)),
        MeanBestReadingAllowed = Spread.Of(runs.Select(r => r.Totals.MeanBestReadingAllowed)),
        HeldPerCustomerMean = Spread.Of(runs.Select(r => r.Totals.HeldPerCustomerMean)),
        HeldPerCustomerMax = Spread.Of(runs.Select(r => (double)r.Totals.HeldPerCustomerMax)),
        WallSeconds = Spread.Of(runs.Select(r => r.Totals.WallSeconds)),
        Decisions = Spread.Of(runs.Select(r => (double)r.Totals.Decisions)),
        BySource = runs[0].BySource.Keys.ToDictionary(s => s, s => new SourceSummary
        {
            RaisedShare = Spread.Of(runs.Select(r => Ratio(r.BySource[s].Raised, r.BySource.Values.Sum(x => x.Raised)))),
            ConversionsPerDelivered = Spread.Of(runs.Select(r => Ratio(r.BySource[s].ExpectedConversions, r.BySource[s].Delivered))),
            LearnedPropensity = runs.All(r => r.BySource[s].LearnedPropensity is not null)
                ? Spread.Of(runs.Select(r => r.BySource[s].LearnedPropensity!.Value)) : null,
        }),
    };

    internal static double Ratio(double a, double b) => b > 0 ? a / b : 0;
}

public sealed class SourceSummary
{
    public required Spread RaisedShare { get; init; }
    public required Spread ConversionsPerDelivered { get; init; }
    public Spread? LearnedPropensity { get; init; }
}

/// <summary>Engine minus another policy on the same seed: median and range of the paired differences.</summary>
public sealed class Margins
{
    public required Spread ConversionsPerNudge { get; init; }
    public required Spread ExpectedConversionsPerNudge { get; init; }
    public required Spread RevenuePerCustomer { get; init; }
    public required Spread LostFriendsPer1000 { get; init; }
    public required Spread ExpectedLostFriendsPer1000 { get; init; }
}

/// <summary>Weekly median and range across seeds.</summary>
public sealed class Curve
{
    public required double[] Median { get; init; }
    public required double[] Min { get; init; }
    public required double[] Max { get; init; }

    public static Curve Of(IEnumerable<double[]> perSeed)
    {
        var series = perSeed.ToList();
        var weeks = series[0].Length;
        var spreads = Enumerable.Range(0, weeks).Select(w => Spread.Of(series.Select(s => s[w]))).ToArray();
        return new Curve { Median = [.. spreads.Select(s => s.Median)], Min = [.. spreads.Select(s => s.Min)], Max = [.. spreads.Select(s => s.Max)] };
    }
}

/// <summary>The figures of one run, weekly and in total, with its regret against the oracle run of the same seed.</summary>
internal sealed record RunFigures
{
    public required double ConversionsPerNudge { get; init; }
    public required double ExpectedConversionsPerNudge { get; init; }
    public required double RepliesPerNudge { get; init; }
    public required double DeliveredShare { get; init; }
    public required double RevenuePerCustomerTotal { get; init; }
    public required double AllRevenuePerCustomer { get; init; }
    public required double LostPer1000Total { get; init; }
    public required double ExpectedLostPer1000 { get; init; }
    public required double[] RollingRate { get; init; }
    public required double[] RealizedRollingRate { get; init; }
    public required double[] LostPer1000 { get; init; }
    public required double[] RevenuePerCustomer { get; init; }
    public required double[] NudgesPerCustomer { get; init; }
    public required double[] Outcomes { get; init; }
    public required double[] ProactiveOutcomes { get; init; }
    public double[]? RegretRevenue { get; init; }
    public double[]? RegretConversions { get; init; }
    public int? WeekWithin { get; init; }

    public static RunFigures Of(RunResult run, RunResult? oracle)
    {
        var w = run.Weekly;
        var perCustomer = 1.0 / run.Customers;
        var raised = w.Select(x => (double)x.Raised).ToArray();
        var expected = w.Select(x => x.ExpectedConversions).ToArray();
        var rolling = Regret.RollingRate(expected, raised, SimulationSummary.RollingWeeks);
        int? within = null;
        double[]? regretRevenue = null, regretConversions = null;
        if (oracle is not null)
        {
            var oracleRolling = Regret.RollingRate(
                [.. oracle.Weekly.Select(x => x.ExpectedConversions)], [.. oracle.Weekly.Select(x => (double)x.Raised)], SimulationSummary.RollingWeeks);
            within = Regret.WeekWithin(rolling, oracleRolling, SimulationSummary.Tolerance);
            regretRevenue = Regret.Cumulative(
                [.. oracle.Weekly.Select(x => x.ExpectedRevenue * perCustomer)], [.. w.Select(x => x.ExpectedRevenue * perCustomer)]);
            regretConversions = Regret.Cumulative(
                [.. oracle.Weekly.Select(x => x.ExpectedConversions * 1000 * perCustomer)], [.. w.Select(x => x.ExpectedConversions * 1000 * perCustomer)]);
        }
        var totalRaised = raised.Sum();
        return new RunFigures
        {
            ConversionsPerNudge = PolicySummary.Ratio(w.Sum(x => x.Conversions), totalRaised),
            ExpectedConversionsPerNudge = PolicySummary.Ratio(expected.Sum(), totalRaised),
            RepliesPerNudge = PolicySummary.Ratio(w.Sum(x => x.Replies), totalRaised),
            DeliveredShare = PolicySummary.Ratio(w.Sum(x => x.Delivered), totalRaised),
            RevenuePerCustomerTotal = w.Sum(x => x.Revenue) * perCustomer,
            AllRevenuePerCustomer = w.Sum(x => x.Revenue + x.OrganicRevenue) * perCustomer,
            LostPer1000Total = w.Sum(x => x.LostFriends) * 1000.0 * perCustomer,
            ExpectedLostPer1000 = run.Totals.ExpectedLostFriends * 1000.0 * perCustomer,
            RollingRate = rolling,
            RealizedRollingRate = Regret.RollingRate([.. w.Select(x => (double)x.Conversions)], raised, SimulationSummary.RollingWeeks),
            LostPer1000 = Regret.Running([.. w.Select(x => x.LostFriends * 1000.0 * perCustomer)]),
            RevenuePerCustomer = Regret.Running([.. w.Select(x => x.Revenue * perCustomer)]),
            NudgesPerCustomer = Regret.Running([.. w.Select(x => x.Raised * perCustomer)]),
            Outcomes = Regret.Running([.. w.Select(x => (double)x.Outcomes)]),
            ProactiveOutcomes = Regret.Running([.. w.Select(x => (double)x.ProactiveOutcomes)]),
            RegretRevenue = regretRevenue,
            RegretConversions = regretConversions,
            WeekWithin = within,
        };
    }
}
