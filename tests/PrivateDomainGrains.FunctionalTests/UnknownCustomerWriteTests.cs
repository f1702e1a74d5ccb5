using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>Customers are created by events only: a write by hand naming an unknown customer is a 404 and stores nothing.</summary>
public sealed class UnknownCustomerWriteTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    [Fact]
    public async Task Adding_tags_to_an_unknown_customer_is_a_404_and_creates_no_customer_nor_holder()
    {
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Customers.AddTagsAsync("uw-ghost-tags", ["uw-x"]));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("uw-ghost-tags", refused.Problem!.Detail);
        Assert.Null(await Api.Api.Customers.GetAsync("uw-ghost-tags"));
        Assert.DoesNotContain((await Api.Api.Tags.ListAsync()).Items, t => t.Tag == "uw-x");
    }

    [Fact]
    public async Task Assigning_an_owner_to_an_unknown_customer_is_a_404_and_creates_no_customer()
    {
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Customers.AssignOwnerAsync("uw-ghost-owner", "alice"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null(await Api.Api.Customers.GetAsync("uw-ghost-owner"));
    }

    [Fact]
    public async Task Tags_and_owner_still_reach_a_customer_its_events_created()
    {
        await Api.PostEventsAsync(Events.FriendAdded("uw-ev-1", "uw-real", "alice"));

        Assert.Contains("uw-vip", (await Api.Api.Customers.AddTagsAsync("uw-real", ["uw-vip"])).Tags);
        Assert.Equal("alice", (await Api.Api.Customers.AssignOwnerAsync("uw-real", "alice")).Owner);
    }
}
