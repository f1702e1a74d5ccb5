namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One reading of a node's <c>/api/v1/system/stats</c>; <see cref="AtTicks"/> is the load test's clock since the run started.
/// Totals (CPU, GC pause, lock contentions) only grow from the node's start; the rest are the node's figures when read.
/// </summary>
/// <param name="GcPauseSecondsTotal">Seconds paused in GC since the node started (the runtime's <c>GC.GetTotalPauseDuration</c>).</param>
/// <param name="GcPauseMaxRecentSeconds">The longest single GC pause the node saw in the minute before this reading, in seconds.</param>
/// <param name="ThreadPoolQueueLength">Work items queued to the node's thread pool when read.</param>
/// <param name="LockContentionsTotal">Times a thread of the node waited for a contended lock since it started.</param>
/// <param name="AllocatedBytesTotal">Bytes the node allocated since it started (the runtime's <c>GC.GetTotalAllocatedBytes</c>).</param>
public sealed record NodeStatsSample(
    string Node,
    long AtTicks,
    long ActiveCustomerGrains,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    double CpuSecondsTotal,
    int ProcessorCount,
    double UptimeSeconds,
    double GcPauseSecondsTotal = 0,
    double GcPauseMaxRecentSeconds = 0,
    long ThreadPoolQueueLength = 0,
    long LockContentionsTotal = 0,
    long AllocatedBytesTotal = 0);
