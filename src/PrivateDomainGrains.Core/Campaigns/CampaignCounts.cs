namespace PrivateDomainGrains.Core.Campaigns;

/// <summary>
/// A campaign's raised, held and withdrawn members as they stand now, one truth with its results. The campaign counts
/// what each member's nudge was when reached (raised, or held by the contact policy); a held one is raised later, when
/// the policy allows (quiet hours end), or, once the campaign is cancelled, withdrawn and never raised. The execution
/// facts count every raise, later ones too, so the members held when reached and raised since move from held to
/// raised, and a cancelled campaign's members still held are withdrawn.
/// </summary>
/// <param name="Raised">Members whose nudge was raised, when reached or later.</param>
/// <param name="Held">Members whose nudge the contact policy still holds.</param>
/// <param name="Withdrawn">Members of a cancelled campaign whose held nudge will never be raised.</param>
public readonly record struct CampaignCounts(long Raised, long Held, long Withdrawn)
{
    /// <param name="raisedWhenReached">Members whose nudge was raised when the campaign reached them.</param>
    /// <param name="heldWhenReached">Members whose nudge the contact policy held when reached.</param>
    /// <param name="raisedInAll">The campaign's nudges raised in all, as the execution facts count them; null before any was.</param>
    /// <param name="cancelled">Whether the campaign was cancelled: its held nudges are withdrawn, not raised.</param>
    public static CampaignCounts Of(long raisedWhenReached, long heldWhenReached, long? raisedInAll, bool cancelled)
    {
        // No fewer than were raised when reached (a manager's results leave out staff who left the team since), no more
        // than the members raised or held (each has one nudge id).
        var raised = Math.Clamp(raisedInAll ?? 0, raisedWhenReached, raisedWhenReached + heldWhenReached);
        var waiting = raisedWhenReached + heldWhenReached - raised;
        return cancelled ? new(raised, 0, waiting) : new(raised, waiting, 0);
    }
}
