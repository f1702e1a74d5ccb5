using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>
/// The noisy preset's findings: the well-behaved tenant B's ingest before and during tenant A's flood, and what A's
/// flood got back. The target: B's p99 during the flood within <see cref="TargetRatio"/> times its quiet p99.
/// </summary>
/// <param name="P99Ratio">B's ingest p99 during the flood over its quiet p99 (null: a phase without acknowledgements).</param>
public sealed record NoisyFigures(
    string QuietTenant,
    string NoisyTenant,
    double FloodFromSeconds,
    double FloodToSeconds,
    PhaseFigures Quiet,
    PhaseFigures Flood,
    double? P99Ratio,
    bool? TargetMet,
    FloodFigures Noisy)
{
    public const double TargetRatio = 2;
}

/// <summary>Tenant B in one phase: its measured events due then, their acknowledgement and nudge latency, and its HTTP answers then.</summary>
public sealed record PhaseFigures(
    double Seconds,
    long Events,
    long Acknowledged,
    long Rejected,
    long Failed,
    LatencySummary Ack,
    LatencySummary Nudge,
    IReadOnlyList<StatusCount> Answers);

/// <param name="Outcomes">Every answer of the flood: sign-ins and valid events by status, bad events by status and (for a 200) what the body said.</param>
public sealed record FloodFigures(
    long SignInsSent,
    long BadEventsSent,
    long ValidEventsSent,
    long ValidEventsAcknowledged,
    long Skipped,
    LatencySummary ValidAck,
    IReadOnlyList<StatusCount> Outcomes);
