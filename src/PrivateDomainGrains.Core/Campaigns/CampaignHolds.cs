using PrivateDomainGrains.Core.Customers;

namespace PrivateDomainGrains.Core.Campaigns;

/// <summary>
/// A campaign's nudges the contact policy holds (<see cref="EngineState.Held"/>). Quiet hours or a cap hold a whole
/// campaign's members until the same instant; each is moved on by its place in the campaign (<see cref="Stagger"/>),
/// so they come due at the campaign's pace, not all at once. A held nudge of a cancelled campaign is withdrawn
/// (<see cref="Withdraw"/>) and one of a paused campaign waits (<see cref="Postpone"/>) before it comes due.
/// </summary>
public static class CampaignHolds
{
    /// <summary>Moves the held nudge <paramref name="nudgeId"/> <paramref name="place"/> later; false when it is not held.</summary>
    public static bool Stagger(EngineState state, string nudgeId, TimeSpan place)
    {
        var i = state.Held?.FindIndex(h => h.Nudge.Id == nudgeId) ?? -1;
        if (i < 0 || place <= TimeSpan.Zero) return i >= 0;
        var held = state.Held![i];
        state.Held[i] = held with { Until = held.Until + place };
        return true;
    }

    /// <summary>The campaigns with a held nudge due by <paramref name="now"/> (each once); null when none, as for most decisions.</summary>
    public static List<string>? DueCampaigns(EngineState state, DateTimeOffset now)
    {
        List<string>? ids = null;
        foreach (var h in state.Held ?? [])
            if (h.Until <= now && h.Nudge.Kind == CampaignNudges.Kind && CampaignNudges.CampaignOf(h.Nudge.Source) is { } id && ids?.Contains(id) != true)
                (ids ??= []).Add(id);
        return ids;
    }

    /// <summary>Drops the campaign's held nudges: they are never raised. Returns how many.</summary>
    public static int Withdraw(EngineState state, string campaignId) =>
        state.Held?.RemoveAll(h => h.Nudge.Kind == CampaignNudges.Kind && CampaignNudges.CampaignOf(h.Nudge.Source) == campaignId) ?? 0;

    /// <summary>
    /// Moves the campaign's held nudges due by <paramref name="now"/> on by whole <paramref name="period"/>s (the
    /// campaign's window) until they are later than now: nudges spread over a window stay spread as they wait.
    /// </summary>
    public static void Postpone(EngineState state, string campaignId, DateTimeOffset now, TimeSpan period)
    {
        if (state.Held is not { } held || period <= TimeSpan.Zero) return;
        for (var i = 0; i < held.Count; i++)
        {
            var h = held[i];
            if (h.Until > now || h.Nudge.Kind != CampaignNudges.Kind || CampaignNudges.CampaignOf(h.Nudge.Source) != campaignId) continue;
            var periods = (now - h.Until).Ticks / period.Ticks + 1;
            held[i] = h with { Until = h.Until + period * periods };
        }
    }
}
