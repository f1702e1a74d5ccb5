namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>One second of the run. Host figures are null when no stats sample fell in that second.</summary>
public sealed record TimelinePoint(
    int Second,
    long Offered,
    long Acknowledged,
    long Failed,
    long NudgesReceived,
    double AckP50Ms,
    double AckP99Ms,
    double NudgeP99Ms,
    double? CpuPercent,
    long? WorkingSetBytes,
    long? ActiveCustomerGrains);
