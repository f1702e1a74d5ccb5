using PrivateDomainGrains.LoadTest.Accounting;
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
    HandoverResult? Handover = null);

/// <summary>The timers preset's plan, and when provisioning (which must precede the first due time) ended.</summary>
public sealed record TimerInputs(TimerPlan Plan, DateTimeOffset ProvisioningEndedAt);
