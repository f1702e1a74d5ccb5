using Microsoft.AspNetCore.SignalR.Client;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Sdk;

/// <summary>The SDK's console hub client against a real hub: nudges in, answers out, and the end of a session.</summary>
public sealed class ConsoleHubClientTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    [Fact]
    public async Task A_disabled_staff_members_console_is_told_it_is_signed_out_and_stops_reconnecting()
    {
        await platform.Client.Api.Staff.CreateAsync("leaver", PlatformClient.StaffPassword);
        var token = await platform.Client.ConsoleTokenAsync("leaver");
        await using var hub = new ConsoleHubClient(platform.Node.BaseAddress, () => Task.FromResult<string?>(token));
        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.OnSignedOut(() => signedOut.TrySetResult());
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        await platform.Client.Api.Staff.DisableAsync("leaver");

        await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(hub.SignedOut);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task Nudges_arrive_typed_and_a_close_answers_what_happened()
    {
        var token = (await platform.Client.Api.Auth.SignInAsync("alice", PlatformClient.StaffPassword)).AccessToken;
        await using var hub = new ConsoleHubClient(platform.Node.BaseAddress, () => Task.FromResult<string?>(token));
        var arrived = new TaskCompletionSource<Nudge>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.OnNudges(nudges =>
        {
            foreach (var nudge in nudges.Where(n => n.EventId == "sdk-hub-1")) arrived.TrySetResult(nudge);
        });
        await hub.StartAsync();

        await platform.Client.PostEventsAsync(Events.FriendAdded("sdk-hub-1", "qian", "alice"));

        var welcome = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(("acme", "qian", "alice", "welcome"), (welcome.Tenant, welcome.CustomerId, welcome.StaffId, welcome.Kind));
        Assert.Equal(CloseResults.Closed, await hub.AckAsync(welcome.Id));
        Assert.Equal(CloseResults.AlreadyClosed, await hub.DismissAsync(welcome.Id));
        Assert.Equal(CloseResults.Invalid, await hub.AckAsync("not a valid id!"));
    }

    [Fact]
    public async Task A_snooze_answers_snoozed_tells_the_console_until_when_and_refuses_a_past_time_or_a_closed_nudge()
    {
        var token = (await platform.Client.Api.Auth.SignInAsync("alice", PlatformClient.StaffPassword)).AccessToken;
        await using var hub = new ConsoleHubClient(platform.Node.BaseAddress, () => Task.FromResult<string?>(token));
        var arrived = new TaskCompletionSource<Nudge>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<NudgeChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.OnNudges(nudges =>
        {
            foreach (var nudge in nudges.Where(n => n.EventId == "sdk-hub-snooze")) arrived.TrySetResult(nudge);
        });
        await hub.StartAsync();
        await platform.Client.PostEventsAsync(Events.FriendAdded("sdk-hub-snooze", "sdk-snoozer", "alice"));
        var welcome = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        hub.OnChanged(changes =>
        {
            foreach (var change in changes.Where(c => c.Id == welcome.Id)) changed.TrySetResult(change);
        });
        var until = DateTimeOffset.UtcNow.AddHours(2);

        Assert.Equal(SnoozeResults.Snoozed, await hub.SnoozeAsync(welcome.Id, until));

        var change = await changed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Null(change.Closed);
        Assert.Equal(until.ToUnixTimeMilliseconds(), change.SnoozedUntil!.Value.ToUnixTimeMilliseconds(), 1.0);
        Assert.Equal(SnoozeResults.Invalid, await hub.SnoozeAsync(welcome.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(CloseResults.Closed, await hub.AckAsync(welcome.Id));
        Assert.Equal(SnoozeResults.Unknown, await hub.SnoozeAsync(welcome.Id, until));
    }

    [Fact]
    public async Task An_opening_is_counted_once_in_the_execution_report_and_a_repeat_still_answers_opened()
    {
        await platform.Client.Api.Staff.CreateAsync("sdk-opener", PlatformClient.StaffPassword);
        var token = await platform.Client.ConsoleTokenAsync("sdk-opener");
        await using var hub = new ConsoleHubClient(platform.Node.BaseAddress, () => Task.FromResult<string?>(token));
        var arrived = new TaskCompletionSource<Nudge>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.OnNudges(nudges =>
        {
            foreach (var nudge in nudges.Where(n => n.EventId == "sdk-hub-open")) arrived.TrySetResult(nudge);
        });
        await hub.StartAsync();
        await platform.Client.PostEventsAsync(Events.FriendAdded("sdk-hub-open", "sdk-opened", "sdk-opener"));
        var welcome = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(OpenedResults.Opened, await hub.OpenedAsync(welcome.Id));
        Assert.Equal(OpenedResults.Opened, await hub.OpenedAsync(welcome.Id));
        Assert.Equal(OpenedResults.Invalid, await hub.OpenedAsync("not a valid id!"));
        Assert.Equal(OpenedResults.Unknown, await hub.OpenedAsync("sdk-never-raised"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var report = await platform.Client.Api.Reports.GetExecutionAsync(today.AddDays(-1), today.AddDays(1));
        var opener = Assert.Single(report.Groups, g => g.Key == "sdk-opener");
        Assert.Equal((1L, 1L), (opener.Raised, opener.Opened));
    }
}
