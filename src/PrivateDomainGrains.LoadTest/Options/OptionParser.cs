using System.Globalization;

namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>
/// Hand-parses <c>--key value</c> pairs. The preset is applied first and explicit options override it, so
/// <c>--preset activate --customers 1000000</c> means what it says.
/// </summary>
public static class OptionParser
{
    private static readonly string[] Known =
    [
        "preset", "targets", "operator-key", "in-process-pg", "tenant", "api-key", "admin-key", "customers", "staff",
        "consoles", "staff-password", "provision", "rate", "duration", "warmup", "drain", "mix", "batch-size", "seed",
        "max-in-flight", "request-timeout", "out", "mode", "due-after", "due-window",
        "handover-at", "nodes", "host-dll", "pg-data", "pg-port", "database", "http-port", "silo-port", "gateway-port", "retry-for",
        "first-fault", "fault-every", "faults", "down-for", "flood-at", "flood-signins", "flood-bad", "flood-rate", "tenants",
    ];

    public const int MaxBatchSize = 1000;

    /// <summary>Returns null when help was asked for.</summary>
    public static LoadTestOptions? Parse(IReadOnlyList<string> args, DateTimeOffset now, Func<string, string?> environment)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?")) return null;
        var values = ReadPairs(args);

        var preset = values.TryGetValue("preset", out var p) ? ParsePreset(p) : Preset.Steady;
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var tenant = values.GetValueOrDefault("tenant") ?? $"lt-{stamp}";
        if (!IsId(tenant)) throw new OptionsException($"--tenant: '{tenant}' must be 1-128 letters, digits or -_.:@");

        var activate = preset == Preset.Activate;
        var timers = preset == Preset.Timers;
        var rolling = preset == Preset.Rolling;
        // The rolling restart is a chaos run with a fault schedule of its own.
        var chaos = preset == Preset.Chaos || rolling;
        var noisy = preset == Preset.Noisy;
        var soak = preset == Preset.Soak;
        var staff = Int(values, "staff", chaos ? 12 : noisy ? 5 : 10, min: 1);
        var customers = Int(values, "customers", activate ? 100_000 : chaos ? 2000 : soak ? SoakOptions.DefaultCustomers : 1000, min: 1);
        var dueAfter = Duration(values, "due-after", DefaultDueAfter(customers));
        if (timers && dueAfter <= TimeSpan.Zero) throw new OptionsException("--due-after must be above 0");
        var rate = Double(values, "rate", activate ? 20_000 : rolling ? 3000 : chaos ? 200 : noisy ? 100 : soak ? SoakOptions.DefaultRate : 500);
        var duration = values.ContainsKey("duration")
            ? Duration(values, "duration", TimeSpan.Zero)
            : activate ? TimeSpan.FromSeconds(customers / rate)
            : soak ? SoakOptions.DefaultDuration
            : TimeSpan.FromSeconds(preset switch { Preset.Spike => 120, Preset.Chaos => 150, Preset.Rolling => 120, _ => 60 });
        if (duration <= TimeSpan.Zero) throw new OptionsException("--duration must be above 0");
        if (preset == Preset.Spike && duration < LoadTestOptions.SpikeLength)
            throw new OptionsException($"--duration must be at least {LoadTestOptions.SpikeLength.TotalSeconds:0}s for the spike preset");

        var starts = values.ContainsKey("nodes") || chaos;
        if (starts && (values.ContainsKey("targets") || values.ContainsKey("in-process-pg") || values.ContainsKey("operator-key")))
            throw new OptionsException("--nodes (and the chaos preset) start their own PostgreSQL, nodes and operator key: leave out --targets, --in-process-pg and --operator-key");
        if (values.ContainsKey("in-process-pg") && (values.ContainsKey("targets") || values.ContainsKey("operator-key")))
            throw new OptionsException("--in-process-pg starts its own node and operator key: leave out --targets and --operator-key");
        var cluster = starts ? Cluster(values, chaos) : null;
        var targets = cluster is not null
            ? cluster.Nodes.Select(n => new Uri($"http://127.0.0.1:{n.Http}/")).ToArray()
            : ParseTargets(values.GetValueOrDefault("targets") ?? "http://127.0.0.1:5000");
        var provisionOff = values.GetValueOrDefault("provision") is "false" or "no" or "0";
        if (timers && (provisionOff || values.GetValueOrDefault("consoles") == "0"))
            throw new OptionsException("the timers preset provisions the customers and counts their nudges on consoles: leave --provision on and --consoles above 0");
        if (chaos && (provisionOff || values.GetValueOrDefault("consoles") == "0"))
            throw new OptionsException("the chaos preset provisions the customers and watches their owners' consoles: leave --provision on and --consoles above 0");
        var handoverAt = Duration(values, "handover-at", TimeSpan.FromSeconds(10));
        if (preset == Preset.Handover)
        {
            if (handoverAt < TimeSpan.Zero || handoverAt >= duration)
                throw new OptionsException("--handover-at must be within the measured period: at least 0 and below --duration");
            if (staff < 2 || provisionOff || values.GetValueOrDefault("consoles") is "0" or "1")
                throw new OptionsException("the handover preset moves staff-0's provisioned customers to staff-1 and watches both consoles: use --staff 2 or more, --provision on and --consoles 2 or more");
        }
        var apiKey = values.GetValueOrDefault("api-key");
        var adminKey = values.GetValueOrDefault("admin-key");
        if ((apiKey is null) != (adminKey is null))
            throw new OptionsException("--api-key and --admin-key go together: both name an existing tenant's keys");
        if (!soak && values.ContainsKey("tenants")) throw new OptionsException("--tenants is the soak preset's: add --preset soak");
        if (soak && apiKey is not null)
            throw new OptionsException("the soak preset creates its own tenants: leave out --api-key and --admin-key");
        var soakOptions = soak ? Soak(values, customers, cluster) : null;

        return new LoadTestOptions
        {
            Preset = preset,
            Targets = targets,
            OperatorKey = values.GetValueOrDefault("operator-key") ?? (starts ? null : environment("PDG_OPERATOR_KEY")),
            InProcessConnectionString = values.GetValueOrDefault("in-process-pg"),
            Tenant = tenant,
            ApiKey = apiKey,
            AdminKey = adminKey,
            Customers = customers,
            Staff = staff,
            Consoles = Int(values, "consoles", activate ? 0 : staff, min: 0),
            StaffPassword = values.GetValueOrDefault("staff-password") ?? $"LoadTest-{tenant}-pw",
            ProvisionCustomers = Bool(values, "provision", !activate),
            Rate = rate,
            Duration = duration,
            Warmup = Duration(values, "warmup", activate ? TimeSpan.Zero : soak ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(10)),
            Drain = Duration(values, "drain", timers ? TimeSpan.FromSeconds(90) : chaos || soak ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(15)),
            Backfill = values.GetValueOrDefault("mode") switch
            {
                null or "live" => false,
                "backfill" => true,
                var other => throw new OptionsException($"--mode: '{other}' is not one of live, backfill"),
            },
            Mix = values.TryGetValue("mix", out var mix) ? EventMix.Parse(mix) : activate ? EventMix.PageViewsOnly : EventMix.Default,
            BatchSize = Int(values, "batch-size", soak ? 200 : 50, min: 1, max: MaxBatchSize),
            Seed = Int(values, "seed", 1, min: int.MinValue),
            MaxInFlight = Int(values, "max-in-flight", 256, min: 1),
            RequestTimeout = Duration(values, "request-timeout", chaos ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30)),
            OutputDirectory = values.GetValueOrDefault("out") ?? Path.Combine("loadtest-reports", stamp),
            DueAfter = dueAfter,
            DueWindow = Duration(values, "due-window", TimeSpan.Zero),
            HandoverAt = handoverAt,
            Cluster = cluster,
            RetryFor = Duration(values, "retry-for", chaos ? TimeSpan.FromSeconds(60) : TimeSpan.Zero),
            Chaos = chaos ? Chaos(values, duration, cluster!.Nodes.Count, rolling) : null,
            Noisy = noisy ? Noisy(values, duration) : null,
            Soak = soakOptions,
        };
    }

    /// <summary>Ports of node i are the base ports plus i; the chaos preset starts three nodes unless told otherwise.</summary>
    private static ManagedClusterOptions Cluster(Dictionary<string, string> values, bool chaos)
    {
        var nodes = Int(values, "nodes", chaos ? 3 : 1, min: chaos ? 2 : 1, max: 16);
        int Port(string key, int fallback) => Int(values, key, fallback, min: 1, max: 65535 - nodes);
        var http = Port("http-port", 5181);
        var silo = Port("silo-port", 11181);
        var gateway = Port("gateway-port", 30181);
        var database = values.GetValueOrDefault("database") ?? "pdg_loadtest";
        if (!IsDatabaseName(database)) throw new OptionsException($"--database: '{database}' must start with a letter or _ and hold only letters, digits, _ and - (at most 63)");
        return new ManagedClusterOptions(
            Enumerable.Range(0, nodes).Select(i => new NodePorts(http + i, silo + i, gateway + i)).ToArray(),
            values.GetValueOrDefault("host-dll"),
            values.GetValueOrDefault("pg-data"),
            Int(values, "pg-port", 55441, min: 1, max: 65535),
            database);
    }

    /// <summary>
    /// The chaos schedule; for the rolling restart, one graceful stop per node from 10 s on, each node started again at
    /// once and the next stopped as soon as it is back (a fault waits for the previous one's recovery).
    /// </summary>
    private static ChaosOptions Chaos(Dictionary<string, string> values, TimeSpan duration, int nodes, bool rolling)
    {
        var every = Duration(values, "fault-every", rolling ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30));
        if (every <= TimeSpan.Zero) throw new OptionsException("--fault-every must be above 0");
        var first = Duration(values, "first-fault", rolling ? TimeSpan.FromSeconds(10) : every);
        if (first < TimeSpan.Zero || first >= duration)
            throw new OptionsException("--first-fault must be within the measured period: at least 0 and below --duration");
        var kinds = (values.GetValueOrDefault("faults") ?? (rolling ? "stop" : "kill,stop,pg"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ChaosOptions.ParseKind).ToArray();
        if (kinds.Length == 0) throw new OptionsException("--faults needs at least one of kill, stop, pg");
        var down = Duration(values, "down-for", rolling ? TimeSpan.Zero : TimeSpan.FromSeconds(5));
        if (down < TimeSpan.Zero) throw new OptionsException("--down-for must be at least 0");
        return new ChaosOptions(first, every, kinds, down, rolling ? nodes : null);
    }

    /// <summary>
    /// Every tenant needs customers of its own. PostgreSQL's CPU is read from the cluster the tool starts (its data
    /// directory is known then), or from the server whose <c>--pg-data</c> a <c>--targets</c> run names.
    /// </summary>
    private static SoakOptions Soak(Dictionary<string, string> values, int customers, ManagedClusterOptions? cluster)
    {
        var tenants = Int(values, "tenants", SoakOptions.DefaultTenants, min: 1, max: 100);
        if (customers < tenants) throw new OptionsException($"--customers must be at least --tenants ({tenants}): every tenant needs customers");
        return new SoakOptions(tenants, cluster is null ? values.GetValueOrDefault("pg-data") : null);
    }

    private static NoisyOptions Noisy(Dictionary<string, string> values, TimeSpan duration)
    {
        var floodAt = Duration(values, "flood-at", duration / 2);
        if (floodAt <= TimeSpan.Zero || floodAt >= duration)
            throw new OptionsException("--flood-at must be within the measured period, after a quiet phase: above 0 and below --duration");
        // 0 leaves that part of the flood out, to tell which part hurts.
        return new NoisyOptions(floodAt, Double(values, "flood-signins", 32, allowZero: true), Double(values, "flood-bad", 8, allowZero: true),
            Double(values, "flood-rate", 1000, allowZero: true));
    }

    /// <summary>Room for provisioning at a conservative 1,000 customers/s plus 30 s: customers provisioned after their due time would start late.</summary>
    public static TimeSpan DefaultDueAfter(int customers) => TimeSpan.FromSeconds(30 + Math.Ceiling(customers / 1000.0));

    private static Dictionary<string, string> ReadPairs(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new OptionsException($"unexpected '{arg}': options are --key value pairs (see --help)");
            var key = arg[2..];
            if (!Known.Contains(key))
                throw new OptionsException($"unknown option '{arg}'; known: {string.Join(" ", Known.Select(k => "--" + k))}");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new OptionsException($"{arg} needs a value");
            if (!values.TryAdd(key, args[++i]))
                throw new OptionsException($"{arg} is given twice");
        }
        return values;
    }

    private static Preset ParsePreset(string text) => text switch
    {
        "steady" => Preset.Steady,
        "spike" => Preset.Spike,
        "activate" => Preset.Activate,
        "handover" => Preset.Handover,
        "timers" => Preset.Timers,
        "chaos" => Preset.Chaos,
        "rolling" => Preset.Rolling,
        "noisy" => Preset.Noisy,
        "soak" => Preset.Soak,
        _ => throw new OptionsException($"--preset: '{text}' is not one of steady, spike, activate, handover, timers, chaos, rolling, noisy, soak"),
    };

    private static IReadOnlyList<Uri> ParseTargets(string text)
    {
        var targets = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new OptionsException($"--targets: '{part}' is not an http(s) URL");
            targets.Add(new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
        }
        if (targets.Count == 0) throw new OptionsException("--targets needs at least one URL");
        return targets;
    }

    private static int Int(Dictionary<string, string> values, string key, int fallback, int min, int max = int.MaxValue)
    {
        if (!values.TryGetValue(key, out var text)) return fallback;
        if (!int.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new OptionsException($"--{key}: '{text}' is not a whole number");
        if (value < min || value > max)
            throw new OptionsException(max == int.MaxValue ? $"--{key} must be at least {min}" : $"--{key} must be {min}-{max}");
        return value;
    }

    private static double Double(Dictionary<string, string> values, string key, double fallback, bool allowZero = false)
    {
        if (!values.TryGetValue(key, out var text)) return fallback;
        if (!double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0 || value == 0 && !allowZero)
            throw new OptionsException($"--{key}: '{text}' must be a number {(allowZero ? "of 0 or more" : "above 0")}");
        return value;
    }

    private static bool Bool(Dictionary<string, string> values, string key, bool fallback) =>
        !values.TryGetValue(key, out var text) ? fallback : text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new OptionsException($"--{key}: '{text}' must be true or false"),
        };

    private static TimeSpan Duration(Dictionary<string, string> values, string key, TimeSpan fallback)
    {
        if (!values.TryGetValue(key, out var text)) return fallback;
        return ParseDuration(text) ?? throw new OptionsException($"--{key}: '{text}' is not a duration like 500ms, 30s, 5m, 1h or a number of seconds");
    }

    /// <summary>500ms, 30s, 5m, 1h, or a bare number of seconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value * scale)
            : null;
    }

    private static bool IsDatabaseName(string name) =>
        name.Length is > 0 and <= 63 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool IsId(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@');
}
