using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>
/// The noisy preset's findings: the well-behaved tenant B's ingest before and during tenant A's flood, and what A's
/// flood got back. The target: B's p99 during the flood within <see cref="TargetRatio"/> times its quiet p99, where an
/// event that was never answered counts as slower than any answer (<see cref="PhaseFigures.P99WithFailuresMs"/>).
/// </summary>
/// <param name="P99Ratio">B's flood p99 over its quiet p99, failures counted (null: a p99 fell on a failed event, or no events).</param>
/// <param name="TargetMet">The ratio is within the target; false when the flood's p99 fell on a failed event.</param>
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
/// <param name="Ack">Latency of the acknowledged events only.</param>
/// <param name="P99WithFailuresMs">The 99th percentile over every event of the phase, a failed one counting as slower than any
/// answer: null when more than 1% failed, since the p99 is then "no answer".</param>
public sealed record PhaseFigures(
    double Seconds,
    long Events,
    long Acknowledged,
    long Rejected,
    long Failed,
    LatencySummary Ack,
    double? P99WithFailuresMs,
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
