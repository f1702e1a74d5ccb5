using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Scheduling;

/// <summary>
/// One shard of the customer scheduler: wakes the customers of its buckets of the due-time index when they are due.
/// Key: the shard number, 0 .. Scheduler:Shards - 1.
/// </summary>
[Alias("pdg.ISchedulerShardGrain")]
public interface ISchedulerShardGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the shard's keep-alive reminder (which re-activates it after a restart) and starts polling.</summary>
    [Alias("Start")] Task StartAsync();

    /// <summary>Interleaves with polling, so statistics are available during a long drain.</summary>
    [AlwaysInterleave, Alias("GetStats")] Task<SchedulerShardStats> GetStatsAsync();
}
