using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Host.Console;

/// <summary>This node's single observer: staff grains anywhere in the cluster send it the nudges of staff whose consoles are here.</summary>
public sealed class NodeNudgeObserver(ConsoleConnections connections, ILogger<NodeNudgeObserver> logger) : INudgeObserver
{
    public async Task OnNudgesAsync(Nudge[] nudges)
    {
        foreach (var nudge in nudges)
        {
            try
            {
                await connections.SendAsync(GrainKeys.For(nudge.Tenant, nudge.StaffId), nudge);
            }
            catch (Exception ex)
            {
                // The nudge stays in the inbox; the console gets it on its next connect.
                logger.LogWarning(ex, "Pushing nudge {NudgeId} to {Tenant}/{StaffId} failed", nudge.Id, nudge.Tenant, nudge.StaffId);
            }
        }
    }
}
