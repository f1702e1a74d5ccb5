namespace PrivateDomainGrains.Abstractions.Scheduling;

/// <summary>What a scheduler shard has done since it was activated, and what is due now in its buckets.</summary>
/// <param name="Woken">Customers whose wake completed.</param>
/// <param name="Failures">Wakes that failed; their rows are claimed again once their lease expires.</param>
/// <param name="LastLag">From the earliest due time of the last claimed batch to the end of that batch's wakes.</param>
/// <param name="DueBacklog">Rows of this shard's buckets due now, leased (being woken) or not.</param>
[GenerateSerializer, Immutable, Alias("pdg.SchedulerShardStats")]
public sealed record SchedulerShardStats(
    [property: Id(0)] int Shard,
    [property: Id(1)] long Woken,
    [property: Id(2)] long Failures,
    [property: Id(3)] TimeSpan LastLag,
    [property: Id(4)] long DueBacklog);
