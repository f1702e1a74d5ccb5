using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// This node's single observer: staff grains anywhere in the cluster send it the nudges of staff whose consoles are here,
/// or whose execution a team dashboard here watches (<see cref="ExecutionWatchers"/>).
/// </summary>
public sealed class NodeNudgeObserver(ConsoleConnections connections, ExecutionWatchers watchers, ConsoleMetrics metrics, ILogger<NodeNudgeObserver> logger)
    : INudgeObserver
{
    public async Task OnSignedOutAsync(string tenant, string staffId)
    {
        try
        {
            await connections.SignOutAsync(GrainKeys.For(tenant, staffId));
        }
        catch (Exception ex)
        {
            // Their tokens no longer work either: a console that stays open cannot call or reconnect.
            logger.LogWarning(ex, "Closing the consoles of {Tenant}/{StaffId} failed", tenant, staffId);
        }
    }

    public async Task OnNudgesChangedAsync(string tenant, string staffId, NudgeChange[] changes)
    {
        watchers.Changed(GrainKeys.For(tenant, staffId));
        try
        {
            await connections.SendChangesAsync(GrainKeys.For(tenant, staffId), changes);
        }
        catch (Exception ex)
        {
            // The consoles see the nudges' state at their next connect, whose replay reads the inbox.
            logger.LogWarning(ex, "Telling {Tenant}/{StaffId}'s consoles that {Count} nudges changed failed", tenant, staffId, changes.Length);
        }
    }

    public async Task OnNudgesAsync(Nudge[] nudges)
    {
        using var span = metrics.StartPush(nudges.Length);
        foreach (var byStaff in nudges.GroupBy(n => GrainKeys.For(n.Tenant, n.StaffId)))
        {
            watchers.Changed(byStaff.Key);
            try
            {
                await connections.SendAsync(byStaff.Key, [.. byStaff]);
            }
            catch (Exception ex)
            {
                // The nudges stay in the inbox; the console gets them on its next connect.
                logger.LogWarning(ex, "Pushing {Count} nudges to {StaffKey} failed", byStaff.Count(), byStaff.Key);
            }
        }
    }
}
