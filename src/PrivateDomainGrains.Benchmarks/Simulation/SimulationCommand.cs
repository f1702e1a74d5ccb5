using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// <c>--simulate</c>: runs every chosen policy on every seed (in parallel up to <c>--parallel</c>), prints the
/// headline figures and writes <c>simulation.json</c> and <c>simulation.html</c> to <c>--out</c>.
/// </summary>
public static class SimulationCommand
{
    public const string Usage = """
        dotnet run -c Release --project src/PrivateDomainGrains.Benchmarks -- --simulate [options]
          --customers N            simulated customers, 1-1,000,000 (default 10000)
          --weeks N                simulated weeks, 1-520 (default 52; below 4 lower --join-weeks too)
          --seeds N                seeds per policy, 1..N, N at most 100 (default 5); --first-seed S starts elsewhere
          --policies a,b           engine, fixed, timed, random, oracle (default all)
          --parallel N             runs at once, at most 64 (default: processor count)
          --threads N              threads each run's customers are spread over, at most 256 (default: processor count / runs at once);
                                   the figures are the same for every N
          --attribution-window D   the playbook's attribution window (default 48h)
          --exploration E          thompson (as shipped) or mean (greedy on posterior means)
          --rest-after N           a customer touched N times in 7 days rests (default 2, as shipped; off: no rest); not fixed priority
          --model-refresh D        how often the tenant's model takes in what it learned (default 1h; Durations syntax)
          --customers-per-staff N  (default 500); --join-weeks N: customers join over the first N weeks (default 4, at most --weeks)
          --out DIR                where simulation.json and simulation.html go (default BenchmarkDotNet.Artifacts/simulation)
        """;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Run(string[] args)
    {
        SimulationSettings settings;
        Options options;
        try
        {
            (settings, options) = Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        try
        {
            // Checked before hours of simulation, not after: the directory must be creatable and writable.
            Directory.CreateDirectory(options.Out);
            var probe = Path.Combine(options.Out, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out {options.Out} is not a writable directory: {ex.Message}");
            return 2;
        }

        var jobs = options.Seeds.SelectMany(seed => options.Policies.Select(policy => (policy, seed))).ToList();
        var atOnce = Math.Min(options.Parallel, jobs.Count);
        var threads = options.Threads ?? Math.Max(1, Environment.ProcessorCount / atOnce);
        Console.WriteLine($"Simulating {settings.Customers:N0} customers for {settings.Weeks} weeks: {string.Join(", ", options.Policies.Select(p => p.Name()))} "
            + $"x seeds {string.Join(",", options.Seeds)}, {atOnce} at a time on {threads} thread(s) each; attribution window {settings.AttributionWindow}, "
            + $"exploration {(settings.Thompson ? "thompson" : "mean")}, rest after {settings.RestAfterTouches?.ToString(CultureInfo.InvariantCulture) ?? "off"}");
        var clock = Stopwatch.StartNew();
        var runs = new RunResult[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, i =>
        {
            var (policy, seed) = jobs[i];
            runs[i] = Simulator.Run(settings, policy, seed, threads, line => Console.WriteLine("  " + line));
            var t = runs[i].Totals;
            Console.WriteLine($"  {policy.Name(),-7} seed {seed}: {t.Decisions:N0} decisions in {t.WallSeconds:F1} s "
                + $"({t.Decisions / Math.Max(t.WallSeconds, 1e-9):N0}/s); process so far: CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s, allocated {GC.GetTotalAllocatedBytes() / 1e9:F1} GB, GC paused {GC.GetTotalPauseDuration().TotalSeconds:F1} s, "
                + $"collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2)"
                + (policy == Policy.Engine ? $"; arbitration: {t.Picks}" : ""));
        });
        var wall = clock.Elapsed;
        var summary = SimulationSummary.Of(settings, runs);
        Print(summary, wall);

        Directory.CreateDirectory(options.Out);
        var jsonPath = Path.Combine(options.Out, "simulation.json");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(summary, Json));
        Console.WriteLine($"JSON: {jsonPath}");
        var library = ChartLibrary.Find();
        if (library is null)
            Console.WriteLine($"HTML report skipped: ECharts is not installed. Run `{ChartLibrary.InstallCommand}` once, then simulate again.");
        else
        {
            var htmlPath = Path.Combine(options.Out, "simulation.html");
            File.WriteAllText(htmlPath, HtmlReport.Render(summary, File.ReadAllText(library), wall));
            Console.WriteLine($"HTML: {htmlPath} (ECharts inlined from {library}; opens offline)");
        }
        return 0;
    }

    private static void Print(SimulationSummary s, TimeSpan wall)
    {
        Console.WriteLine();
        Console.WriteLine($"Wall time {wall.TotalSeconds:F1} s. Median (min-max) over {s.Seeds.Length} seeds:");
        Console.WriteLine($"{"policy",-8} {"conv/nudge %",-22} {"expected conv/nudge %",-22} {"revenue/customer",-22} {"lost friends/1000",-20} {"regret CNY/customer",-22} violations (cap, quiet)");
        foreach (var (name, p) in s.Policies)
            Console.WriteLine($"{name,-8} {Percent(p.ConversionsPerNudge),-22} {Percent(p.ExpectedConversionsPerNudge),-22} "
                + $"{p.RevenuePerCustomer.Format("F2"),-22} {p.LostFriendsPer1000.Format("F1"),-20} {(p.RegretRevenuePerCustomer?.Format("F2") ?? "-"),-22} "
                + $"{p.CapViolations}, {p.QuietHourViolations}");
        foreach (var (name, p) in s.Policies)
            Console.WriteLine($"{name}: expected friends lost/1000 {p.ExpectedLostFriendsPer1000.Format("F1")} (flooding {p.ExpectedLostFromFloodPer1000.Format("F1")}); "
                + $"nudges/customer {p.NudgesPerCustomer.Format("F1")}, delivered beyond tolerance/customer {p.DeliveredOverTolerancePerCustomer.Format("F2")}, "
                + $"4th+ in 7 days/customer {p.DeliveredFourthIn7DaysPerCustomer.Format("F2")}, reading at delivery {p.MeanReadingAtDelivery.Format("F3")}, all revenue (caused + organic)/customer {p.AllRevenuePerCustomer.Format("F2")}");
        foreach (var (name, m) in s.EngineMargins)
            Console.WriteLine($"{name}: conversions per nudge {Points(m.ConversionsPerNudge)} points, expected {Points(m.ExpectedConversionsPerNudge)}; "
                + $"revenue/customer {m.RevenuePerCustomer.Format("F2")}; lost friends/1000 {m.LostFriendsPer1000.Format("F1")}, expected {m.ExpectedLostFriendsPer1000.Format("F1")}");
        if (!s.Policies.ContainsKey(Policy.Oracle.Name())) return;
        foreach (var (name, p) in s.Policies.Where(p => p.Key != Policy.Oracle.Name()))
            Console.WriteLine($"{name}: within 10% of the oracle's rolling conversion rate from week {Join(p.WeekWithin10Percent)}; "
                + $"outcomes recorded by then {Join(p.OutcomesWithin10Percent)} (proactive {Join(p.ProactiveOutcomesWithin10Percent)})");
    }

    private static string Percent(Spread s) => $"{s.Median * 100:F3} ({s.Min * 100:F3}-{s.Max * 100:F3})";

    private static string Points(Spread s) => $"{HtmlReport.Signed(s.Median)} ({HtmlReport.Signed(s.Min)} to {HtmlReport.Signed(s.Max)})";

    private static string Join<T>(IEnumerable<T?> values) where T : struct =>
        string.Join(", ", values.Select(v => v?.ToString() ?? "never"));

    /// <param name="Threads">Threads per run; null: the processor count shared among the runs at once.</param>
    internal sealed record Options(IReadOnlyList<Policy> Policies, IReadOnlyList<int> Seeds, int Parallel, int? Threads, string Out, bool Help);

    /// <summary>The longest simulation: 10 years (a simulated clock beyond that gains nothing and nears DateTime's end for late seeds).</summary>
    internal const int MaxWeeks = 520;

    /// <summary>The most customers one run may hold: a resident simulated customer takes about 20 KB (100,000 peaked at 2.06 GB), so a million needs most of a 24 GB machine.</summary>
    internal const int MaxCustomers = 1_000_000;

    /// <summary>Upper bounds of the other whole-number options: beyond them a run is a mistake (seeds and runs at once) or gains nothing (threads, staff).</summary>
    internal const int MaxSeeds = 100, MaxParallel = 64, MaxThreads = 256, MaxCustomersPerStaff = 1_000_000;

    internal static (SimulationSettings, Options) Parse(string[] args)
    {
        var settings = new SimulationSettings();
        IReadOnlyList<Policy> policies = Policies.All;
        int seeds = 5, firstSeed = 1, parallel = Environment.ProcessorCount;
        int? threads = null;
        var output = Path.Combine("BenchmarkDotNet.Artifacts", "simulation");
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int(int max) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max
                ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number from 1 to {max:N0}");
            switch (args[i])
            {
                case "--customers": settings = settings with { Customers = Int(MaxCustomers) }; break;
                case "--weeks": settings = settings with { Weeks = Int(MaxWeeks) }; break;
                case "--join-weeks": settings = settings with { JoinWeeks = Int(MaxWeeks) }; break;
                case "--customers-per-staff": settings = settings with { CustomersPerStaff = Int(MaxCustomersPerStaff) }; break;
                case "--seeds": seeds = Int(MaxSeeds); break;
                case "--first-seed": firstSeed = Int(int.MaxValue); break;
                case "--parallel": parallel = Int(MaxParallel); break;
                case "--threads": threads = Int(MaxThreads); break;
                case "--out": output = Value(); break;
                case "--policies":
                    policies = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Simulation.Policies.Parse).Distinct()];
                    if (policies.Count == 0) throw new ArgumentException("--policies needs at least one policy");
                    break;
                case "--attribution-window":
                    var window = Value();
                    if (!Durations.TryParse(window, out var w) || w <= TimeSpan.Zero) throw new ArgumentException($"--attribution-window must be {Durations.Describe}");
                    settings = settings with { AttributionWindow = window };
                    break;
                case "--model-refresh":
                    var refresh = Value();
                    if (!Durations.TryParse(refresh, out var r) || r <= TimeSpan.Zero) throw new ArgumentException($"--model-refresh must be {Durations.Describe}");
                    settings = settings with { ModelRefresh = r };
                    break;
                case "--exploration":
                    settings = settings with
                    {
                        Thompson = Value() switch
                        {
                            "thompson" => true,
                            "mean" => false,
                            _ => throw new ArgumentException("--exploration is thompson or mean"),
                        },
                    };
                    break;
                case "--rest-after":
                    var rest = Value();
                    settings = settings with
                    {
                        RestAfterTouches = rest == "off" ? null
                            : int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= PlaybookValidator.MaxRestAfterTouches ? n
                            : throw new ArgumentException($"--rest-after is 1-{PlaybookValidator.MaxRestAfterTouches} or off"),
                    };
                    break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (settings.JoinWeeks > settings.Weeks) throw new ArgumentException($"--join-weeks ({settings.JoinWeeks}) must not exceed --weeks ({settings.Weeks}): customers still joining would count as never reached");
        if ((long)firstSeed + seeds - 1 > int.MaxValue) throw new ArgumentException("--first-seed + --seeds must stay within 2,147,483,647");
        return (settings, new Options(policies, [.. Enumerable.Range(firstSeed, seeds)], parallel, threads, output, help));
    }
}
