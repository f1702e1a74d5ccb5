using System.Net;
using System.Net.Http.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class HandoverTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    [Fact]
    public async Task A_handover_moves_every_customer_with_history_and_open_nudges_and_their_next_nudges_go_to_the_new_owner()
    {
        string[] alices = ["ho-li", "ho-wang", "ho-zhang", "ho-liu", "ho-chen"];
        await Api.PostEventsAsync(alices.Select((c, i) => Events.FriendAdded($"ho-add-{i}", c, "alice")).ToArray());
        await Api.PostEventsAsync(Events.FriendAdded("ho-add-bob", "ho-zhao", "bob"), Events.MessageReceived("ho-msg-1", "ho-li", "is the card still on offer?"));
        await using var alice = await platform.ConsoleAsync("alice");
        await using var bob = await platform.ConsoleAsync("bob");

        var started = await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/staff/alice/handover", new { toStaffId = "bob" }, Api.AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = (await started.Content.ReadFromJsonAsync<HandoverAccepted>())!;
        Assert.Equal($"/api/v1/tenants/{Api.Tenant}/handovers/{accepted.HandoverId}", accepted.StatusUrl);
        Assert.Equal(accepted.StatusUrl, started.Headers.Location!.OriginalString);

        var status = await CompletedAsync(accepted.HandoverId);
        Assert.Equal(("alice", "bob", 5L, 5L, 0L), (status.From, status.To, status.Total, status.Moved, status.Failed));
        Assert.True(status.FinishedAt >= status.StartedAt);

        foreach (var customer in alices) Assert.Equal("bob", (await Api.Api.Customers.GetAsync(customer))!.Owner);
        Assert.Equal("bob", (await Api.Api.Customers.GetAsync("ho-zhao"))!.Owner);
        Assert.Equal(2, (await Api.Api.Customers.ListInteractionsAsync("ho-li")).Items.Count);

        // Alice never acknowledged her nudges: they are bob's now, pushed to his console.
        foreach (var (customer, i) in alices.Select((c, i) => (c, i)))
            await bob.WaitForAsync(n => n.EventId == $"ho-add-{i}" && n.StaffId == "bob" && n.CustomerId == customer);
        await bob.WaitForAsync(n => n.EventId == "ho-msg-1" && n.Kind == "reply");

        await Api.PostEventsAsync(Events.MessageReceived("ho-msg-2", "ho-wang", "hello, anyone?"));
        var reply = await bob.WaitForAsync(n => n.EventId == "ho-msg-2");
        Assert.Equal(("reply", "bob"), (reply.Kind, reply.StaffId));
        Assert.DoesNotContain(alice.Received, n => n.EventId == "ho-msg-2");
    }

    [Fact]
    public async Task After_a_handover_the_leaver_holds_no_open_nudge_about_a_moved_customer_so_no_longer_sees_or_acts_on_it()
    {
        await Api.Api.Staff.CreateAsync("ho-leaver", PlatformClient.StaffPassword, "Leaver");
        await Api.Api.Staff.CreateAsync("ho-heir", PlatformClient.StaffPassword, "Heir");
        // The welcome is addressed by name to the staff member the customer added (the default playbook's "to": "staff").
        await Api.PostEventsAsync(Events.FriendAdded("ho-named-add", "ho-named", "ho-leaver"));
        var leaver = Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("ho-leaver")).Workbench;
        var nudge = (await leaver.GetCustomerAsync("ho-named"))!.NextBestAction!.NudgeId;

        await CompletedAsync((await Api.Api.Handovers.StartAsync("ho-leaver", "ho-heir")).HandoverId);

        Assert.Null(await leaver.GetCustomerAsync("ho-named"));
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => leaver.MarkDoneAsync(nudge));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        await using var heir = await platform.ConsoleAsync("ho-heir");
        var moved = await heir.WaitForAsync(n => n.Id == nudge);
        Assert.Equal(("ho-heir", "ho-named"), (moved.StaffId, moved.CustomerId));
    }

    [Fact]
    public async Task After_a_handover_of_a_customer_assigned_without_a_relationship_an_event_still_naming_the_leaver_goes_to_the_new_owner()
    {
        await Api.Api.Staff.CreateAsync("ho-assigned", PlatformClient.StaffPassword, "Assigned");
        await Api.Api.Staff.CreateAsync("ho-taker", PlatformClient.StaffPassword, "Taker");
        await Api.PostEventsAsync(Events.FriendAdded("ho-as-add", "ho-as", "bob"));
        await Api.Api.Customers.AssignOwnerAsync("ho-as", "ho-assigned");
        await CompletedAsync((await Api.Api.Handovers.StartAsync("ho-assigned", "ho-taker")).HandoverId);

        // A late or stale callback still names the staff member the customer was handed away from.
        await Api.PostEventsAsync(Events.MessageReceived("ho-as-msg", "ho-as", "still there?") with { StaffId = "ho-assigned" });

        await using var taker = await platform.ConsoleAsync("ho-taker");
        var reply = await taker.WaitForAsync(n => n.EventId == "ho-as-msg");
        Assert.Equal(("reply", "ho-taker"), (reply.Kind, reply.StaffId));
        Assert.Null(await Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("ho-assigned")).Workbench.GetCustomerAsync("ho-as"));
    }

    [Fact]
    public async Task Handing_over_a_staff_member_without_customers_completes_with_nothing_to_move()
    {
        await Api.Api.Staff.CreateAsync("ho-nobody", PlatformClient.StaffPassword, "Nobody");

        var started = await Api.Api.Handovers.StartAsync("ho-nobody", "alice");

        var status = await CompletedAsync(started.HandoverId);
        Assert.Equal((0L, 0L, 0L), (status.Total, status.Moved, status.Failed));
    }

    [Theory]
    [InlineData("ghost", """{"toStaffId":"bob"}""", HttpStatusCode.NotFound)]
    [InlineData("alice", """{"toStaffId":"ghost"}""", HttpStatusCode.NotFound)]
    [InlineData("alice", """{"toStaffId":"alice"}""", HttpStatusCode.BadRequest)]
    [InlineData("alice", """{"toStaffId":"bad/id"}""", HttpStatusCode.BadRequest)]
    [InlineData("alice", """{}""", HttpStatusCode.BadRequest)]
    [InlineData("alice", """{"toStaffId":""", HttpStatusCode.BadRequest)]
    [InlineData("al%20ice", """{"toStaffId":"bob"}""", HttpStatusCode.BadRequest)]
    public async Task A_bad_handover_request_is_refused_with_problem_details(string from, string body, HttpStatusCode expected)
    {
        var response = await Api.SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/staff/{from}/handover", body, Api.AdminKey);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_the_admin_key_starts_or_reads_a_handover_and_unknown_handovers_are_not_found()
    {
        var withApiKey = await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/staff/alice/handover", new { toStaffId = "bob" }, Api.ApiKey);
        var unknown = await Api.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{Api.Tenant}/handovers/no-such-handover", null, Api.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, withApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Polls the handover until it has completed.</summary>
    private async Task<HandoverView> CompletedAsync(string handoverId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await Api.Api.Handovers.GetAsync(handoverId);
            if (status.Completed) return status;
            Assert.Equal("running", status.State);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The handover did not complete: {status}");
            await Task.Delay(100);
        }
    }
}
