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

        var reply = await alice.WaitForAsync(n => (string?)n["eventId"] == "route-2");
        Assert.Equal("reply", (string?)reply["kind"]);
        Assert.Equal("acme", (string?)reply["tenant"]);
        Assert.Equal("li", (string?)reply["customerId"]);
        Assert.Equal("alice", (string?)reply["staffId"]);
        Assert.Contains("Do you have a foundation for oily skin?", (string?)reply["text"]);
        Assert.False(string.IsNullOrEmpty((string?)reply["reason"]));
        await alice.WaitForAsync(n => (string?)n["eventId"] == "route-1" && (string?)n["kind"] == "welcome");

        await bob.WaitForAsync(n => (string?)n["customerId"] == "wang");
        Assert.DoesNotContain(bob.Received, n => (string?)n["customerId"] == "li");
        Assert.DoesNotContain(alice.Received, n => (string?)n["customerId"] == "wang");
    }

    [Fact]
    public async Task A_deleted_friend_alerts_the_owner_and_marks_the_customer_lost()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        await Api.PostEventsAsync(Events.FriendAdded("lost-1", "zhao", "alice"), Events.FriendDeleted("lost-2", "zhao"));

        var alert = await alice.WaitForAsync(n => (string?)n["eventId"] == "lost-2");
        Assert.Equal("customer-lost", (string?)alert["kind"]);
        Assert.Equal("Lost", (string?)(await Api.GetCustomerAsync("zhao"))!["status"]);
    }

    [Fact]
    public async Task Reassigning_the_owner_sends_the_customers_next_nudges_to_the_new_owner_at_once()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        await using var bob = await platform.ConsoleAsync("bob");
        await Api.PostEventsAsync(Events.FriendAdded("move-1", "chen", "alice"));
        await alice.WaitForAsync(n => (string?)n["eventId"] == "move-1");

        Assert.Equal(HttpStatusCode.OK, (await Api.SetOwnerAsync("chen", "bob")).StatusCode);
        await Api.PostEventsAsync(Events.MessageReceived("move-2", "chen", "still there?"));

        await bob.WaitForAsync(n => (string?)n["eventId"] == "move-2" && (string?)n["staffId"] == "bob");
        Assert.DoesNotContain(alice.Received, n => (string?)n["eventId"] == "move-2");
        Assert.Equal("bob", (string?)(await Api.GetCustomerAsync("chen"))!["owner"]);
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
