using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Everything a run measured; written as JSON for machines and rendered as text and HTML for people.</summary>
public sealed record RunReport(
    DateTimeOffset StartedAt,
    RunSettings Settings,
    ProvisioningFigures? Provisioning,
    EventFigures Events,
    ThroughputFigures Throughput,
    LatencySummary AckLatency,
    IReadOnlyList<LatencyBucket> AckLatencyHistogram,
    NudgeFigures Nudges,
    LatencySummary NudgeLatency,
    IReadOnlyList<LatencyBucket> NudgeLatencyHistogram,
    HostUsageSummary? Host,
    ActivationFigures? Activation,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<ErrorCount> Errors,
    TimerFigures? Timers = null,
    HandoverFigures? Handover = null,
    HttpFigures? Http = null,
    ChaosFigures? Chaos = null,
    NoisyFigures? Noisy = null,
    SoakFigures? Soak = null,
    ExecutionFigures? Execution = null);

public sealed record RunSettings(
    string Preset,
    IReadOnlyList<string> Targets,
    string Tenant,
    int Customers,
    int Staff,
    int Consoles,
    double Rate,
    double DurationSeconds,
    double WarmupSeconds,
    double DrainSeconds,
    string Mix,
    int BatchSize,
    int Seed,
    int MaxInFlight);

public sealed record ProvisioningFigures(bool TenantCreated, int StaffCreated, int CustomersWithOwner, long CustomersFailed, double Seconds);

/// <summary>Measured events only; warm-up events are counted apart.</summary>
public sealed record EventFigures(long Offered, long Accepted, long Duplicates, long Ambiguous, long Rejected, long Failed, long WarmupOffered)
{
    public long Acknowledged => Accepted + Duplicates + Ambiguous;
}

public sealed record ThroughputFigures(double OfferedPerSecond, double SustainedAcknowledgedPerSecond, double MeasuredSeconds, double LastAckSeconds);

/// <param name="Duplicates">Pushed twice to one console: again on a connection that had it, after its confirmed Ack, or under another nudge id (<see cref="Accounting.NudgeReconciliation.Duplicates"/>).</param>
/// <param name="ReplayedWhileOpen">Replayed on a console's later connection while still open: at-least-once delivery, not a duplicate.</param>
public sealed record NudgeFigures(
    int ConsolesConnected,
    long Expected,
    long Received,
    long Lost,
    long Duplicates,
    long ExtraCopies,
    long Misrouted,
    long WrongKind,
    long Unexpected,
    long OutsideMeasurement,
    long Unobserved,
    long TotalArrivals,
    long AcksSent,
    long AckFailures,
    long Reconnects,
    IReadOnlyList<string> LostSample,
    long Reordered,
    long ReplayedWhileOpen);

/// <summary>For the activate preset: how long until every customer's event was acknowledged.</summary>
public sealed record ActivationFigures(long Customers, long Acknowledged, double Seconds, double PerSecond);

/// <summary>For the timers preset: how many customers' timer nudges arrived, and how long after their due time.</summary>
/// <param name="ProvisioningOverranSeconds">How long provisioning went on past the first due time: customers provisioned late start late.</param>
/// <param name="FiredWithinTargetFraction">Expected customers whose nudge arrived within 60 s of its due time (lost ones count as late).</param>
/// <param name="DrainSeconds">From the first due time to the last first arrival.</param>
public sealed record TimerFigures(
    DateTimeOffset FirstDue,
    double WindowSeconds,
    double RuleDelayMinutes,
    double ProvisioningOverranSeconds,
    long Expected,
    long Received,
    long Lost,
    long Duplicates,
    long Misrouted,
    long Unexpected,
    long Unobserved,
    long Early,
    double FiredWithinTargetFraction,
    double? DrainSeconds,
    LatencySummary Lag,
    IReadOnlyList<LatencyBucket> LagHistogram,
    IReadOnlyList<string> LostSample);

/// <summary>For the handover preset: how long handing one staff member's customers to another took under load, and where the moved customers' nudges went.</summary>
/// <param name="RequestedAtSeconds">When the handover was requested, from the start of the run's schedule.</param>
/// <param name="Seconds">From the request to the first status poll that saw it completed (null: it never did).</param>
/// <param name="ServerSeconds">The server's own startedAt to finishedAt.</param>
/// <param name="NudgesAfter">Nudges of moved customers' events sent after it completed: all must reach the new owner.</param>
public sealed record HandoverFigures(
    string From,
    string To,
    string State,
    double RequestedAtSeconds,
    long Total,
    long Moved,
    long Failed,
    double? Seconds,
    double? ServerSeconds,
    double? MovedPerSecond,
    HandoverNudges? NudgesAfter,
    string? Error);

public sealed record ErrorCount(string Message, long Count);
