using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
        var accepted = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var statusUrl = (string)accepted["statusUrl"]!;
        Assert.Equal($"/api/v1/tenants/{Api.Tenant}/handovers/{(string)accepted["handoverId"]!}", statusUrl);
        Assert.Equal(statusUrl, started.Headers.Location!.OriginalString);

        var status = await CompletedAsync(statusUrl);
        Assert.Equal(("alice", "bob", 5L, 5L, 0L), ((string)status["from"]!, (string)status["to"]!, (long)status["total"]!, (long)status["moved"]!, (long)status["failed"]!));
        Assert.True((DateTimeOffset)status["finishedAt"]! >= (DateTimeOffset)status["startedAt"]!);

        foreach (var customer in alices) Assert.Equal("bob", (string?)(await Api.GetCustomerAsync(customer))!["owner"]);
        Assert.Equal("bob", (string?)(await Api.GetCustomerAsync("ho-zhao"))!["owner"]);
        Assert.Equal(2, (await Api.GetInteractionsAsync("ho-li"))["items"]!.AsArray().Count);

        // Alice never acknowledged her nudges: they are bob's now, pushed to his console.
        foreach (var (customer, i) in alices.Select((c, i) => (c, i)))
            await bob.WaitForAsync(n => (string?)n["eventId"] == $"ho-add-{i}" && (string?)n["staffId"] == "bob" && (string?)n["customerId"] == customer);
        await bob.WaitForAsync(n => (string?)n["eventId"] == "ho-msg-1" && (string?)n["kind"] == "reply");

        await Api.PostEventsAsync(Events.MessageReceived("ho-msg-2", "ho-wang", "hello, anyone?"));
        var reply = await bob.WaitForAsync(n => (string?)n["eventId"] == "ho-msg-2");
        Assert.Equal(("reply", "bob"), ((string?)reply["kind"], (string?)reply["staffId"]));
        Assert.DoesNotContain(alice.Received, n => (string?)n["eventId"] == "ho-msg-2");
    }

    [Fact]
    public async Task Handing_over_a_staff_member_without_customers_completes_with_nothing_to_move()
    {
        await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/staff", new { staffId = "ho-nobody", name = "Nobody", password = PlatformClient.StaffPassword }, Api.AdminKey);

        var started = await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/staff/ho-nobody/handover", new { toStaffId = "alice" }, Api.AdminKey);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await CompletedAsync((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["statusUrl"]!);
        Assert.Equal((0L, 0L, 0L), ((long)status["total"]!, (long)status["moved"]!, (long)status["failed"]!));
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

    /// <summary>Polls the status URL until the handover has completed.</summary>
    private async Task<JsonObject> CompletedAsync(string statusUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await Api.SendAsync(HttpMethod.Get, statusUrl, null, Api.AdminKey);
            response.EnsureSuccessStatusCode();
            var status = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if ((string?)status["state"] == "completed") return status;
            Assert.Equal("running", (string?)status["state"]);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The handover did not complete: {status.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
