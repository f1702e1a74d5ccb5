namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>What tenant A, the noisy neighbour, does once the flood starts.</summary>
/// <param name="FloodAt">When the flood starts, from the start of the measured period; it lasts to the end of it.</param>
/// <param name="SignInsPerSecond">Console sign-ins with a wrong password, per second.</param>
/// <param name="BadEventsPerSecond">Requests per second carrying one malformed event each, the kinds taken in turn.</param>
/// <param name="ValidEventsPerSecond">Valid events per second that tenant A posts besides (open loop, in batches of the run's batch size).</param>
public sealed record NoisyOptions(TimeSpan FloodAt, double SignInsPerSecond, double BadEventsPerSecond, double ValidEventsPerSecond);
