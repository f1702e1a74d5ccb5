using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Nudges;

/// <summary>
/// One per web node: receives the nudges of staff members connected to that node and forwards them to their consoles.
/// One-way because the sender must not wait on consoles; the inbox, not this call, is what makes nudges durable.
/// </summary>
[Alias("pdg.INudgeObserver")]
public interface INudgeObserver : IGrainObserver
{
    [OneWay, Alias("OnNudges")] Task OnNudgesAsync(Nudge[] nudges);

    /// <summary>The staff member's nudges changed (closed, snoozed): tell their consoles here.</summary>
    [OneWay, Alias("OnNudgesChanged")] Task OnNudgesChangedAsync(string tenant, string staffId, NudgeChange[] changes);

    /// <summary>The staff member's sessions ended (disabled, or left): close their consoles on this node.</summary>
    [OneWay, Alias("OnSignedOut")] Task OnSignedOutAsync(string tenant, string staffId);
}
