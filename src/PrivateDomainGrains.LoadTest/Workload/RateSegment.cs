namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>A stretch of the run during which events are offered at a constant rate (events per second).</summary>
public sealed record RateSegment(TimeSpan Start, TimeSpan End, double Rate);
