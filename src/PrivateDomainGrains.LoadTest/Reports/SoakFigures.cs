using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>One soak tenant and its share of the run: customers provisioned and events/s offered.</summary>
public sealed record SoakTenant(string Tenant, int Customers, double Rate);

/// <summary>
/// What the soak preset adds to the report (issue 19). CPU figures cover the measured period from the first to the last
/// sample in it; "durable events" are the measured events accepted (stored) with their answer in that same span.
/// </summary>
/// <param name="HostCoreMsPer1000Events">Host CPU (all nodes) in core-milliseconds per 1,000 durable events: the efficiency figure to drive down.</param>
/// <param name="HostAllocatedBytesPerEvent">Bytes the host (all nodes) allocated per durable event over the same span (<see cref="SoakAccounting.AllocatedBytes"/>): what its garbage collector has to clear.</param>
/// <param name="PostgresCoreMsPer1000Events">The same for PostgreSQL's processes; null with <see cref="PostgresNote"/> saying why (n/a for --targets runs without --pg-data).</param>
/// <param name="LoadToolCoreMsPer1000Events">The load tool's own CPU the same way (with --in-process-pg the host is in it too).</param>
/// <param name="GcPauseTotalMs">GC pause time in the measured period, all nodes, from their stats' <c>gcPauseSecondsTotal</c>.</param>
/// <param name="GcPauseLongestMs">The longest single GC pause of the measured period, any node: the largest of the per-minute longest (<c>gcPauseMaxRecentSeconds</c>) read in it (<see cref="SoakAccounting.GcPauses"/>).</param>
/// <param name="ThreadPoolQueueMax">Largest thread-pool queue length read (once a second per node) in the measured period.</param>
/// <param name="LockContentionsPerSecond">Lock contentions per second in the measured period, all nodes (<see cref="SoakAccounting.LockContentionsPerSecond"/>).</param>
/// <param name="WorstSecond">The second (since the schedule started) with the highest event to console p99.</param>
/// <param name="SecondsOverOneSecond">Seconds whose p99 was over 1 s.</param>
public sealed record SoakFigures(
    IReadOnlyList<SoakTenant> Tenants,
    double CpuWindowSeconds,
    long DurableEvents,
    double? HostCpuSeconds,
    double? HostCoreMsPer1000Events,
    double? HostAllocatedBytesPerEvent,
    double? PostgresCpuSeconds,
    double? PostgresCoreMsPer1000Events,
    string? PostgresNote,
    double? LoadToolCpuSeconds,
    double? LoadToolCoreMsPer1000Events,
    double? GcPauseTotalMs,
    double? GcPauseLongestMs,
    double? ThreadPoolQueueMax,
    double? ThreadPoolQueueP99,
    double? LockContentionsPerSecond,
    SecondP99? WorstSecond,
    int SecondsOverOneSecond,
    IReadOnlyList<SecondP99> NudgeP99BySecond,
    IReadOnlyList<TargetCheck> Targets)
{
    public const double RunP99TargetMs = 250;
    public const double SecondP99LimitMs = 1000;
    public const double GcPauseLimitMs = 100;
}
