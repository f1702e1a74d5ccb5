namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One scrape of a node's <c>/metrics</c>: the runtime's total GC pause time so far and the thread pool's queue length at
/// that moment (null when the node does not export it). <see cref="AtTicks"/> is on the run clock.
/// </summary>
public sealed record RuntimeSample(string Node, long AtTicks, double? GcPauseSecondsTotal, double? ThreadPoolQueueLength);

/// <summary>CPU time a process (or process tree) had used by <see cref="AtTicks"/>, on the run clock.</summary>
public sealed record CpuSample(long AtTicks, double CpuSeconds);
