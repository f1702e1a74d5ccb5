using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Hubs;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// What the customer grain's view lacks, added by the routes answering a customer: its phone numbers, from its
/// identities (the identity index), and when its next-best-action is a campaign's nudge, the campaign's name (staff
/// may not list campaigns).
/// </summary>
public sealed class CustomerViewCompletion(IdentityIndex identities, CampaignNames campaignNames)
{
    /// <summary>
    /// <paramref name="view"/> with <see cref="CustomerView.Phones"/> read from the identity index (one indexed query) and
    /// <see cref="NextBestActionView.CampaignName"/> set (once per campaign and node, a grain call).
    /// </summary>
    public async Task<CustomerView> CompleteAsync(string tenant, CustomerView view)
    {
        var phones = identities.ValuesAsync(tenant, view.CustomerId, IdentityKinds.Phone);
        var nba = view.NextBestAction;
        if (nba is not null && CampaignNudges.CampaignOfReason(nba.Kind, nba.Reason) is { } campaignId)
            nba = nba with { CampaignName = await campaignNames.NameOfAsync(tenant, campaignId) };
        return view with { Phones = await phones, NextBestAction = nba };
    }
}
