using PrivateDomainGrains.Core.Campaigns;

namespace PrivateDomainGrains.Core.Tests.Campaigns;

/// <summary>A campaign's header counts follow what became of its held nudges, as its results count them.</summary>
public sealed class CampaignCountsTests
{
    [Fact]
    public void Held_members_raised_later_move_from_held_to_raised()
    {
        Assert.Equal(new CampaignCounts(0, 429, 0), CampaignCounts.Of(0, 429, raisedInAll: null, cancelled: false));
        Assert.Equal(new CampaignCounts(209, 220, 0), CampaignCounts.Of(0, 429, raisedInAll: 209, cancelled: false));
        Assert.Equal(new CampaignCounts(429, 0, 0), CampaignCounts.Of(0, 429, raisedInAll: 429, cancelled: false));
    }

    [Fact]
    public void A_cancelled_campaigns_members_still_held_are_withdrawn_and_its_raised_stay_raised()
    {
        Assert.Equal(new CampaignCounts(209, 0, 220), CampaignCounts.Of(0, 429, raisedInAll: 209, cancelled: true));
        Assert.Equal(new CampaignCounts(3, 0, 0), CampaignCounts.Of(3, 0, raisedInAll: 3, cancelled: true));
    }

    [Fact]
    public void Facts_short_of_the_raised_when_reached_or_beyond_the_raised_and_held_do_not_bend_the_counts()
    {
        // A manager's results leave out staff who left the team; raises past the members raised or held count no member.
        Assert.Equal(new CampaignCounts(10, 5, 0), CampaignCounts.Of(10, 5, raisedInAll: 4, cancelled: false));
        Assert.Equal(new CampaignCounts(15, 0, 0), CampaignCounts.Of(10, 5, raisedInAll: 40, cancelled: false));
    }
}
