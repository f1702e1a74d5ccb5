namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>One reading of a node's <c>/api/v1/system/stats</c>; <see cref="AtTicks"/> is the load test's clock since the run started.</summary>
public sealed record NodeStatsSample(
    string Node,
    long AtTicks,
    long ActiveCustomerGrains,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    double CpuSecondsTotal,
    int ProcessorCount,
    double UptimeSeconds);
