namespace PrivateDomainGrains.Abstractions.Campaigns;

/// <summary>What a campaign's nudge became for one member (<c>ICustomerGrain.ReachAsync</c>).</summary>
[GenerateSerializer, Alias("pdg.CampaignReach")]
public enum CampaignReach
{
    /// <summary>Raised to the owner now (or earlier, when the same member is reached again).</summary>
    Raised,
    /// <summary>Held by the contact policy (a cap's window, quiet hours, the staff cap); raised when it allows.</summary>
    Held,
    /// <summary>Never to be raised: no owner, a cap of 0, the campaign's nudges dismissed too often.</summary>
    Suppressed,
    /// <summary>Nothing is known about the customer (it left the directory since it was listed).</summary>
    Unknown,
}
