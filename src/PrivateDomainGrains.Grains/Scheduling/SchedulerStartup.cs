using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions.Scheduling;

namespace PrivateDomainGrains.Grains.Scheduling;

/// <summary>
/// Starts every scheduler shard when the silo becomes active, so due customers are woken right after a (re)start
/// rather than at the next reminder tick. Every silo does this; starting a running shard changes nothing.
/// </summary>
internal sealed class SchedulerStartup(IGrainFactory grains, IOptions<SchedulerOptions> options, ILogger<SchedulerStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchedulerStartup), ServiceLifecycleStage.Active, StartShardsAsync);

    private async Task StartShardsAsync(CancellationToken cancellationToken)
    {
        var shards = options.Value.Shards;
        await Task.WhenAll(Enumerable.Range(0, shards).Select(i => grains.GetGrain<ISchedulerShardGrain>(i).StartAsync()));
        logger.LogInformation("Customer scheduler started with {Shards} shards", shards);
    }
}
