namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>CPU time a process (or process tree) had used by <see cref="AtTicks"/>, on the run clock.</summary>
public sealed record CpuSample(long AtTicks, double CpuSeconds);
