namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>What the chaos preset does to the cluster it started, and when.</summary>
/// <param name="FirstFaultAt">The first fault, from the start of the measured period.</param>
/// <param name="FaultEvery">Between the starts of consecutive faults; faults continue while they fall within the measured period.</param>
/// <param name="Faults">Fault kinds, used in this order and then again from the first.</param>
/// <param name="DownFor">How long a killed or stopped node, or a stopped PostgreSQL, stays down before it is started again.</param>
/// <param name="MaxFaults">At most this many faults (the rolling preset: one per node); null: as many as fit in the measured period.</param>
public sealed record ChaosOptions(TimeSpan FirstFaultAt, TimeSpan FaultEvery, IReadOnlyList<FaultKind> Faults, TimeSpan DownFor, int? MaxFaults = null)
{
    public static FaultKind ParseKind(string text) => text switch
    {
        "kill" => FaultKind.Kill,
        "stop" => FaultKind.Stop,
        "pg" => FaultKind.PostgresRestart,
        _ => throw new OptionsException($"--faults: '{text}' is not one of kill, stop, pg"),
    };

    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.Kill => "kill",
        FaultKind.Stop => "stop",
        _ => "pg",
    };
}

/// <summary>One kind of fault the chaos preset injects.</summary>
public enum FaultKind
{
    /// <summary>A node's process is killed with SIGKILL (no shutdown at all), then started again.</summary>
    Kill,
    /// <summary>A node is stopped with SIGTERM (graceful shutdown: the silo leaves the cluster), then started again.</summary>
    Stop,
    /// <summary>PostgreSQL is stopped (fast shutdown: sessions are cut) and started again; no node is lost.</summary>
    PostgresRestart,
}
