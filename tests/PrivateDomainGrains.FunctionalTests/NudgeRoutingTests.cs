using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class NudgeRoutingTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    [Fact]
    public async Task A_posted_message_becomes_a_reply_nudge_on_the_owners_console_and_not_on_anyone_elses()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        await using var bob = await platform.ConsoleAsync("bob");

        await Api.PostEventsAsync(
            Events.FriendAdded("route-1", "li", "alice", nickname: "Li"),
            Events.MessageReceived("route-2", "li", "Do you have a foundation for oily skin?"));
        await Api.PostEventsAsync(Events.FriendAdded("route-3", "wang", "bob"));

        var reply = await alice.WaitForAsync(n => n.EventId == "route-2");
        Assert.Equal("reply", reply.Kind);
        Assert.Equal("acme", reply.Tenant);
        Assert.Equal("li", reply.CustomerId);
        Assert.Equal("alice", reply.StaffId);
        Assert.Contains("Do you have a foundation for oily skin?", reply.Text);
        Assert.False(string.IsNullOrEmpty(reply.Reason));
        await alice.WaitForAsync(n => n.EventId == "route-1" && n.Kind == "welcome");

        await bob.WaitForAsync(n => n.CustomerId == "wang");
        Assert.DoesNotContain(bob.Received, n => n.CustomerId == "li");
        Assert.DoesNotContain(alice.Received, n => n.CustomerId == "wang");
    }

    [Fact]
    public async Task A_deleted_friend_alerts_the_owner_and_marks_the_customer_lost()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        await Api.PostEventsAsync(Events.FriendAdded("lost-1", "zhao", "alice"), Events.FriendDeleted("lost-2", "zhao"));

        var alert = await alice.WaitForAsync(n => n.EventId == "lost-2");
        Assert.Equal("customer-lost", alert.Kind);
        Assert.Equal("Lost", (await Api.Api.Customers.GetAsync("zhao"))!.Status);
    }

    [Fact]
    public async Task Reassigning_the_owner_sends_the_customers_next_nudges_to_the_new_owner_at_once()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        await using var bob = await platform.ConsoleAsync("bob");
        await Api.PostEventsAsync(Events.FriendAdded("move-1", "chen", "alice"));
        await alice.WaitForAsync(n => n.EventId == "move-1");

        Assert.Equal("bob", (await Api.Api.Customers.AssignOwnerAsync("chen", "bob")).Owner);
        await Api.PostEventsAsync(Events.MessageReceived("move-2", "chen", "still there?"));

        await bob.WaitForAsync(n => n.EventId == "move-2" && n.StaffId == "bob");
        Assert.DoesNotContain(alice.Received, n => n.EventId == "move-2");
        Assert.Equal("bob", (await Api.Api.Customers.GetAsync("chen"))!.Owner);
    }

    [Fact]
    public async Task A_console_without_a_valid_token_is_refused()
    {
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ConsoleClient.ConnectAsync(platform.Node.BaseAddress, null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ConsoleClient.ConnectAsync(platform.Node.BaseAddress, "not-a-token"));
    }

    [Fact]
    public async Task Signing_in_with_a_wrong_password_is_refused()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/auth/console-token", new { tenant = "acme", staffId = "alice", password = "wrong-password" }, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
