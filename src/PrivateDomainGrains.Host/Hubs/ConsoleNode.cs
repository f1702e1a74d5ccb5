using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Grains.Staff;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// Registers this node's observer with the staff grains of the consoles connected here, and keeps re-registering
/// well within <see cref="StaffGrain.NodeExpiry"/> so a staff grain that moved or re-activated finds the node again.
/// </summary>
public sealed class ConsoleNode(IGrainFactory grains, NodeNudgeObserver observer, ConsoleConnections connections, ILogger<ConsoleNode> logger)
    : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly Lazy<INudgeObserver> _reference = new(() => grains.CreateObjectReference<INudgeObserver>(observer));

    public Task SubscribeAsync(string staffKey) => grains.GetGrain<IStaffGrain>(staffKey).SubscribeAsync(_reference.Value);

    public Task UnsubscribeAsync(string staffKey) => grains.GetGrain<IStaffGrain>(staffKey).UnsubscribeAsync(_reference.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var staffKey in connections.StaffKeys)
            {
                try
                {
                    await SubscribeAsync(staffKey);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Re-subscribing this node for {StaffKey} failed; retrying in {Interval}", staffKey, RefreshInterval);
                }
            }
        }
    }
}
