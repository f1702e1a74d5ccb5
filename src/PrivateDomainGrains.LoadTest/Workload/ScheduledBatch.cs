namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>
/// Events [FirstIndex, FirstIndex + Count) of the run, due at <see cref="Due"/> after the start: the moment its
/// last event exists, which is when a real integration could send it. Latency is measured from Due, not from
/// when the sender got round to it, so a server that makes the sender wait cannot hide that wait.
/// </summary>
public readonly record struct ScheduledBatch(long FirstIndex, int Count, TimeSpan Due, bool Measured);
