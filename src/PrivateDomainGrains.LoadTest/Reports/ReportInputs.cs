using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Noisy;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Run;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>What a finished run hands to the report: recorded facts only, no live objects.</summary>
public sealed record ReportInputs(
    LoadTestOptions Options,
    DateTimeOffset StartedAt,
    ArrivalSchedule Schedule,
    long StartTicks,
    IReadOnlyList<SentEvent> Events,
    ProvisioningResult? Provisioning,
    int ConsolesConnected,
    IReadOnlySet<string> StaffWithConsoles,
    IReadOnlyList<NudgeArrival> Arrivals,
    IReadOnlyList<NodeStatsSample> Stats,
    long AcksSent,
    long AckFailures,
    long Reconnects,
    IReadOnlyList<ErrorCount> Errors,
    TimerInputs? Timers = null,
    HandoverResult? Handover = null,
    IReadOnlyList<RequestAttempt>? Requests = null,
    ChaosInputs? Chaos = null,
    NoisyInputs? Noisy = null,
    SoakInputs? Soak = null,
    ExecutionFigures? Execution = null);

/// <summary>The timers preset's plan, and when provisioning (which must precede the first due time) ended.</summary>
public sealed record TimerInputs(TimerPlan Plan, DateTimeOffset ProvisioningEndedAt);

/// <summary>
/// What the chaos preset adds: the faults as injected, every console connection, confirmed Acks, and what the platform
/// stored (the tenant's journal event ids and inbox rows) read from PostgreSQL after the drain, at <see cref="EndTicks"/>.
/// </summary>
public sealed record ChaosInputs(
    ChaosOptions Options,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<FaultRecord> Faults,
    IReadOnlyList<ConsoleSession> Sessions,
    IReadOnlyList<AckConfirmation> Acks,
    IReadOnlySet<string> Journal,
    IReadOnlyList<StoredNudge> Nudges,
    long EndTicks);

/// <summary>
/// What the soak preset adds: its tenants, PostgreSQL's CPU readings, with <see cref="PostgresNote"/> saying why there are
/// none (a --targets run without --pg-data), and the load tool's own CPU readings. The nodes' GC and thread-pool figures
/// are in <see cref="ReportInputs.Stats"/>.
/// </summary>
public sealed record SoakInputs(IReadOnlyList<SoakTenant> Tenants, IReadOnlyList<CpuSample> Postgres, string? PostgresNote,
    IReadOnlyList<CpuSample> LoadTool);

/// <summary>What the noisy preset adds: when tenant A's flood ran, on the run clock, and what it got.</summary>
public sealed record NoisyInputs(NoisyOptions Options, long FloodStartTicks, long FloodEndTicks, FloodResult Flood);
