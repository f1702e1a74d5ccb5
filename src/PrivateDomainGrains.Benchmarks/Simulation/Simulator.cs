using System.Diagnostics;
using System.Globalization;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// One policy on one seed: a tenant's customers over simulated weeks, in <see cref="Lanes"/> lanes
/// (<see cref="SimulationLane"/>, every <see cref="Lanes"/>-th customer each) run side by side on up to
/// <c>threads</c> threads. Time advances a model refresh (<see cref="SimulationSettings.ModelRefresh"/>) at a time: every
/// lane runs to the refresh reading the tenant's model as it stands, then the signals that reached the node by then
/// (<see cref="SimulationSettings.LearningDelay"/> after their decisions) are recorded into the model lane by lane in lane
/// order, as the nodes' learning buffers and the model refresh do. Deterministic for a seed, whatever the thread count.
/// </summary>
public sealed class Simulator
{
    /// <summary>
    /// How many lanes one run's customers are dealt into: a constant, not the thread count, so that a run's figures (its
    /// sums are added lane by lane) are the same on every machine; enough for any thread count this is run with.
    /// </summary>
    public const int Lanes = 64;

    /// <summary>Simulated weeks between progress lines.</summary>
    public const int ProgressEveryWeeks = 13;

    private readonly SimulationSettings _settings;
    private readonly Action<string>? _progress;
    private readonly Policy _policy;
    private readonly int _seed;
    private readonly int _threads;
    private readonly PropensityModel? _model;
    private readonly SimCustomer[] _customers;
    private readonly SimulationLane[] _lanes;

    /// <param name="threads">Threads the lanes run on (at least 1); the figures do not depend on it.</param>
    /// <param name="progress">Told every <see cref="ProgressEveryWeeks"/> simulated weeks how far the run is.</param>
    public Simulator(SimulationSettings settings, Policy policy, int seed, int threads = 1, Action<string>? progress = null)
    {
        (_settings, _policy, _seed, _threads, _progress) = (settings, policy, seed, Math.Max(1, threads), progress);
        var playbook = SimulationPlaybook.Create(settings.AttributionWindow);
        playbook.ContactPolicy.RestAfterTouches = settings.RestAfterTouches ?? 0;
        var compiled = CompiledPlaybook.Compile(playbook);
        _model = policy == Policy.Engine ? new PropensityModel() : null;
        var staff = Math.Max(1, settings.Customers / settings.CustomersPerStaff);
        _customers = new SimCustomer[settings.Customers];
        for (var i = 0; i < _customers.Length; i++) _customers[i] = Population.Draw(seed, i, staff);
        var contact = playbook.ContactPolicy;
        var caps = contact.Caps.Select(c => (c.Max, Durations.Parse(c.Window))).ToArray();
        var quietStart = TimeOnly.ParseExact(contact.QuietHours!.Start, "HH:mm", CultureInfo.InvariantCulture);
        var quietEnd = TimeOnly.ParseExact(contact.QuietHours.End, "HH:mm", CultureInfo.InvariantCulture);
        HashSet<string> proactive = [.. SimulationPlaybook.ProactiveSources];
        _lanes = [.. Enumerable.Range(0, Lanes).Select(lane => new SimulationLane(settings, policy, seed, compiled, _model, proactive,
            new ViolationCheck(caps, quietStart, quietEnd), [.. _customers.Where(c => c.Index % Lanes == lane)]))];
    }

    public static RunResult Run(SimulationSettings settings, Policy policy, int seed, int threads = 1, Action<string>? progress = null) =>
        new Simulator(settings, policy, seed, threads, progress).Run();

    public RunResult Run()
    {
        var clock = Stopwatch.StartNew();
        foreach (var lane in _lanes) lane.Start();
        var end = _settings.Start + TimeSpan.FromDays(7 * _settings.Weeks);
        var reportAt = _settings.Start + TimeSpan.FromDays(7 * ProgressEveryWeeks);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        for (var refresh = _settings.Start + _settings.ModelRefresh; ; refresh += _settings.ModelRefresh)
        {
            var until = refresh < end ? refresh : end;
            if (_threads == 1) foreach (var lane in _lanes) lane.RunUntil(until.UtcTicks);
            else Parallel.ForEach(_lanes, parallel, lane => lane.RunUntil(until.UtcTicks));
            foreach (var lane in _lanes)
                lane.RecordSignalsDueBy(until.UtcTicks, _model);
            if (until >= end) break;
            if (until >= reportAt)
            {
                _progress?.Invoke($"{_policy.Name()} seed {_seed}: week {(reportAt - _settings.Start).Days / 7} of {_settings.Weeks}, "
                    + $"{_lanes.Sum(l => l.Totals.Decisions):N0} decisions, {clock.Elapsed.TotalSeconds:F0} s");
                reportAt += TimeSpan.FromDays(7 * ProgressEveryWeeks);
            }
        }
        return Result(clock.Elapsed.TotalSeconds);
    }

    /// <summary>The lanes' figures added up in lane order (so that sums of fractions come out the same on every run).</summary>
    private RunResult Result(double wallSeconds)
    {
        var weekly = new WeekStats[_settings.Weeks];
        for (var w = 0; w < weekly.Length; w++) weekly[w] = Sum(_lanes.Select(l => l.Weekly[w]));
        var bySource = _lanes[0].BySource.Keys.ToDictionary(s => s, s => SumSource(_lanes.Select(l => l.BySource[s])), StringComparer.Ordinal);
        var delivered = _lanes.Sum(l => l.Delivered);
        var totals = new RunTotals
        {
            Decisions = _lanes.Sum(l => l.Totals.Decisions),
            WallSeconds = wallSeconds,
            CapViolations = _lanes.Sum(l => l.Violations.CapViolations),
            QuietHourViolations = _lanes.Sum(l => l.Violations.QuietHourViolations),
            ViolationExamples = [.. _lanes.SelectMany(l => l.Violations.Examples).Take(10)],
            DeliveredInQuietHours = _lanes.Sum(l => l.Totals.DeliveredInQuietHours),
            MeanReadingAtDelivery = delivered == 0 ? 0 : _lanes.Sum(l => l.ReadingAtDelivery) / delivered,
            MeanBestReadingAllowed = delivered == 0 ? 0 : _lanes.Sum(l => l.BestReadingAllowed) / delivered,
            HeldPerCustomerMean = _customers.Average(c => c.Profile.Engine.Held?.Count ?? 0),
            HeldPerCustomerMax = _customers.Max(c => c.Profile.Engine.Held?.Count ?? 0),
            CustomersJoined = _customers.Count(c => c.Joined),
            ExpectedLostFriends = _lanes.Sum(l => l.Totals.ExpectedLostFriends),
            ExpectedLostFromFlood = _lanes.Sum(l => l.Totals.ExpectedLostFromFlood),
            DeliveredOverTolerance = _lanes.Sum(l => l.Totals.DeliveredOverTolerance),
            DeliveredFourthIn7Days = _lanes.Sum(l => l.Totals.DeliveredFourthIn7Days),
        };
        foreach (var lane in _lanes) totals.Picks.Add(lane.Picks);
        if (_model is not null)
            foreach (var (source, stats) in bySource) stats.LearnedPropensity = _model.Mean(source, PropensityModel.AllSegments);
        return new RunResult
        {
            Policy = _policy.Name(), Seed = _seed, Customers = _settings.Customers,
            Weekly = weekly, BySource = bySource, Totals = totals,
        };
    }

    private static WeekStats Sum(IEnumerable<WeekStats> lanes)
    {
        var sum = new WeekStats();
        foreach (var w in lanes)
        {
            sum.Raised += w.Raised;
            sum.Delivered += w.Delivered;
            sum.Dismissed += w.Dismissed;
            sum.Conversions += w.Conversions;
            sum.ExpectedConversions += w.ExpectedConversions;
            sum.Replies += w.Replies;
            sum.Revenue += w.Revenue;
            sum.ExpectedRevenue += w.ExpectedRevenue;
            sum.OrganicRevenue += w.OrganicRevenue;
            sum.LostFriends += w.LostFriends;
            sum.Outcomes += w.Outcomes;
            sum.ProactiveOutcomes += w.ProactiveOutcomes;
            sum.CapViolations += w.CapViolations;
            sum.QuietHourViolations += w.QuietHourViolations;
        }
        return sum;
    }

    private static SourceStats SumSource(IEnumerable<SourceStats> lanes)
    {
        var sum = new SourceStats();
        foreach (var s in lanes)
        {
            sum.Raised += s.Raised;
            sum.Delivered += s.Delivered;
            sum.Conversions += s.Conversions;
            sum.ExpectedConversions += s.ExpectedConversions;
            sum.Revenue += s.Revenue;
        }
        return sum;
    }
}
