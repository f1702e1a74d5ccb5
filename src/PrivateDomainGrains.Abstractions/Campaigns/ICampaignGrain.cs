using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Campaigns;

/// <summary>
/// One campaign (群发): pages through a saved segment's members in customer-id order and has each one's grain raise one
/// nudge to its owner through the contact policy, page after page paced over the send window. Key:
/// <see cref="GrainKeys.For"/>(tenant, campaignId). Counts and the cursor are saved after every page and a reminder
/// brings it back if its silo dies, so it resumes where it was and finishes with exact counts.
/// </summary>
[Alias("pdg.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates and starts the campaign (it waits for its window); creating one that exists returns it unchanged.</summary>
    [Alias("Create")] Task<CampaignView> CreateAsync(CampaignSpec spec);

    /// <summary>The campaign, or null if none has this id. Answers while a page is worked.</summary>
    [AlwaysInterleave, Alias("Get")] Task<CampaignView?> GetAsync();

    /// <summary>Stops raising new nudges after the page in flight; null if none has this id. A finished campaign stays as it is.</summary>
    [Alias("Pause")] Task<CampaignView?> PauseAsync();

    /// <summary>Goes on from the saved cursor; null if none has this id.</summary>
    [Alias("Resume")] Task<CampaignView?> ResumeAsync();

    /// <summary>Ends the campaign for good after the page in flight (members not reached yet never are); null if none has this id.</summary>
    [Alias("Cancel")] Task<CampaignView?> CancelAsync();
}
