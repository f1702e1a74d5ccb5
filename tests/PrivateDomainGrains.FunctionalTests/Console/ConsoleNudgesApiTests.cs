using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// Nudge actions over the console routes (<c>/api/v1/console/nudges/</c>) through the SDK: idempotent, counted once, heard
/// by the staff member's live consoles, and refused for anyone else's nudge. Each test has a tenant of its own.
/// </summary>
public sealed class ConsoleNudgesApiTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        return api;
    }

    [Fact]
    public async Task Done_twice_over_http_closes_the_nudge_once_counts_once_and_the_live_console_drops_it()
    {
        using var api = await TenantAsync("cn-done");
        var token = await api.ConsoleTokenAsync("alice");
        await using var hub = await ConsoleClient.ConnectAsync(platform.Node.BaseAddress, token);
        await api.PostEventsAsync(Events.FriendAdded("d-1", "qian", "alice"));
        var welcome = await hub.WaitForAsync(n => n.CustomerId == "qian");
        var alice = api.Api.WithConsoleToken(token).Workbench;

        Assert.Equal("closed", (await alice.MarkDoneAsync(welcome.Id)).Result);
        Assert.Equal("already-closed", (await alice.MarkDoneAsync(welcome.Id)).Result);
        Assert.Equal("already-closed", (await alice.MarkNotUsefulAsync(welcome.Id)).Result);

        Assert.Equal("done", (await hub.WaitForChangeAsync(c => c.Id == welcome.Id)).Closed);
        // Done teaches the model nothing by itself; Qian answering the welcome is its one success.
        await api.PostEventsAsync(Events.MessageReceived("d-1-reply", "qian", "谢谢"));
        Assert.Equal((1, 0), await LearnedOutcomes.WaitForAsync(api, o => o.Successes >= 1));
        var timeline = await alice.ListTimelineAsync("qian");
        Assert.Single(timeline.Items, e => e is { Kind: "nudge-closed", What: "done" });
    }

    [Fact]
    public async Task A_snooze_over_http_reaches_the_live_console_and_a_past_time_is_refused_naming_until()
    {
        using var api = await TenantAsync("cn-snooze");
        var token = await api.ConsoleTokenAsync("alice");
        await using var hub = await ConsoleClient.ConnectAsync(platform.Node.BaseAddress, token);
        await api.PostEventsAsync(Events.FriendAdded("s-1", "sun", "alice"));
        var welcome = await hub.WaitForAsync(n => n.CustomerId == "sun");
        var alice = api.Api.WithConsoleToken(token).Workbench;

        var until = DateTimeOffset.UtcNow.AddHours(2);
        Assert.Equal("snoozed", (await alice.SnoozeAsync(welcome.Id, until)).Result);
        var change = await hub.WaitForChangeAsync(c => c.Id == welcome.Id);
        Assert.Equal(until.ToUnixTimeMilliseconds(), change.SnoozedUntil!.Value.ToUnixTimeMilliseconds(), 1.0);

        var past = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SnoozeAsync(welcome.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("'until'", past.Problem!.Detail);
        var far = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SnoozeAsync(welcome.Id, DateTimeOffset.UtcNow.AddDays(31)));
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
    }

    [Fact]
    public async Task Another_staff_members_nudge_cannot_be_closed_or_snoozed_and_stays_open()
    {
        using var api = await TenantAsync("cn-other");
        var bobToken = await api.ConsoleTokenAsync("bob");
        await using var bobHub = await ConsoleClient.ConnectAsync(platform.Node.BaseAddress, bobToken);
        await api.PostEventsAsync(Events.FriendAdded("o-1", "zhao", "bob"));
        var bobs = await bobHub.WaitForAsync(n => n.CustomerId == "zhao");
        var alice = api.Api.WithConsoleToken(await api.ConsoleTokenAsync("alice")).Workbench;

        foreach (var call in new Func<Task>[]
                 {
                     () => alice.MarkDoneAsync(bobs.Id), () => alice.MarkNotUsefulAsync(bobs.Id),
                     () => alice.SnoozeAsync(bobs.Id, DateTimeOffset.UtcNow.AddHours(1)), () => alice.MarkDoneAsync("never-raised"),
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<PlatformApiException>(call)).StatusCode);

        Assert.Equal("closed", await bobHub.AckAsync(bobs.Id));
    }
}
