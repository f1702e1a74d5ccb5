using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// Done, Not useful and Snooze are never lost: clicked while the host is away, they wait in the console's durable
/// outbox (visibly pending), are sent once it is back, and are recorded exactly once.
/// </summary>
public sealed class ConsoleOutboxTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private Task<long> ClosedCountAsync(string tenant, string nudgeId) =>
        _database.ScalarAsync<long>($"SELECT count(*) FROM pdg_nudges WHERE tenant = '{tenant}' AND nudge_id = '{nudgeId}' AND acked_at IS NOT NULL");

    [Fact]
    public async Task Done_clicked_while_the_host_restarts_is_stored_exactly_once_after_the_reconnect()
    {
        await using var node = await RestartableNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "outbox-restart"));
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("restart", "alice");
        await using var console = await chromium.OpenAsync(node.BaseAddress);
        await console.SignInAsync("restart", "alice");
        // Only welcomes: a customer's message would credit an open welcome as a success of its own.
        await api.PostEventsAsync(Events.FriendAdded("r-1", "li", "alice"), Events.FriendAdded("r-2", "he", "alice"));
        var welcome = console.Nudge("li", "welcome");
        await Expect(welcome).ToBeVisibleAsync();
        var nudgeId = (await welcome.GetAttributeAsync("data-nudge-id"))!;

        await node.StopAsync();
        await Expect(console.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
        await welcome.GetByTestId("done").ClickAsync();
        // Visibly pending, and durable before anything was sent.
        await Expect(welcome).ToHaveAttributeAsync("data-state", "pending");
        await Expect(welcome.GetByTestId("pending")).ToContainTextAsync("恢复连接后自动发送");
        Assert.Equal(nudgeId, (string?)(await console.OutboxAsync("restart", "alice")).Single()!["nudgeId"]);
        Assert.Equal(0, await ClosedCountAsync("restart", nudgeId));

        await node.StartAsync();
        await console.ExpectConnectedAsync();
        await Expect(welcome).ToHaveCountAsync(0);
        await console.ExpectOutboxEmptyAsync("restart", "alice");
        Assert.Equal(1, await ClosedCountAsync("restart", nudgeId));
        // Done teaches the model nothing by itself; Li answering the welcome is its success.
        await api.PostEventsAsync(Events.MessageReceived("r-1-reply", "li", "谢谢"));
        await LearnedOutcomes.WaitForAsync(api, o => o.Successes >= 1);

        await console.Page.ReloadAsync();
        await console.ExpectConnectedAsync();
        await Expect(console.Nudge("he", "welcome")).ToBeVisibleAsync();
        await Expect(console.Nudge("li", "welcome")).ToHaveCountAsync(0);
        Assert.Equal((1, 0), await LearnedOutcomes.ReadAsync(api));
    }

    private Task<DateTime?> SnoozedUntilAsync(string tenant, string nudgeId) =>
        _database.ScalarAsync<DateTime?>($"SELECT snoozed_until FROM pdg_nudges WHERE tenant = '{tenant}' AND nudge_id = '{nudgeId}' AND acked_at IS NULL AND snoozed_until IS NOT NULL");

    [Fact]
    public async Task Snooze_clicked_while_the_host_restarts_is_stored_after_the_reconnect_and_the_card_comes_back_at_its_time()
    {
        // A token outliving the snooze: the browser's clock is moved three hours ahead below, the server's is not.
        await using var node = await RestartableNode.StartAsync(
            NodeSettings.Fresh(_database.ConnectionString, "outbox-snooze"), "--Platform:ConsoleTokenLifetime", "06:00:00");
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("snooze", "alice");
        await using var console = await chromium.OpenAsync(node.BaseAddress);
        // Playwright's clock in the page, running at real speed, so the test can jump to the snooze time instead of waiting.
        await console.Page.Clock.InstallAsync();
        await console.Page.ReloadAsync();
        await console.SignInAsync("snooze", "alice");
        await api.PostEventsAsync(Events.FriendAdded("z-1", "zhao", "alice"), Events.FriendAdded("z-2", "qian", "alice"));
        var welcome = console.Nudge("zhao", "welcome");
        await Expect(welcome).ToBeVisibleAsync();
        var nudgeId = (await welcome.GetAttributeAsync("data-nudge-id"))!;

        await node.StopAsync();
        await Expect(console.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
        await welcome.GetByTestId("snooze").ClickAsync();
        await console.Page.GetByText("3 小时后").ClickAsync();
        // Visibly pending with its time, and durable before anything was sent.
        await Expect(welcome).ToHaveAttributeAsync("data-state", "pending");
        await Expect(welcome.GetByTestId("pending")).ToContainTextAsync("恢复连接后自动发送");
        var entry = (await console.OutboxAsync("snooze", "alice")).Single()!;
        Assert.Equal((nudgeId, "snooze"), ((string?)entry["nudgeId"], (string?)entry["action"]));
        var until = DateTimeOffset.Parse((string)entry["until"]!);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(170), TimeSpan.FromMinutes(181));
        Assert.Null(await SnoozedUntilAsync("snooze", nudgeId));

        await node.StartAsync();
        await console.ExpectConnectedAsync();
        await Expect(welcome).ToHaveCountAsync(0);
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "1");
        await console.ExpectOutboxEmptyAsync("snooze", "alice");
        var stored = await SnoozedUntilAsync("snooze", nudgeId);
        Assert.Equal(until.ToUnixTimeMilliseconds(), new DateTimeOffset(DateTime.SpecifyKind(stored!.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(), 1.0);
        await console.Page.ReloadAsync();
        await console.ExpectConnectedAsync();
        await Expect(console.Nudge("qian", "welcome")).ToBeVisibleAsync();
        await Expect(welcome).ToHaveCountAsync(0);

        await console.Page.Clock.FastForwardAsync("03:01:00");

        await Expect(welcome).ToBeVisibleAsync();
        await Expect(welcome).ToHaveAttributeAsync("data-state", "open");
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "2");
    }

    [Fact]
    public async Task Not_useful_clicked_offline_survives_closing_the_tab_and_is_sent_by_the_next_one()
    {
        await using var node = await RestartableNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "outbox-tab"));
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("tab", "alice");
        await using var console = await chromium.OpenAsync(node.BaseAddress);
        await console.SignInAsync("tab", "alice");
        await api.PostEventsAsync(Events.FriendAdded("t-1", "he", "alice"));
        var welcome = console.Nudge("he", "welcome");
        var nudgeId = (await welcome.GetAttributeAsync("data-nudge-id"))!;

        await node.StopAsync();
        await Expect(console.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
        await welcome.GetByTestId("not-useful").ClickAsync();
        await Expect(welcome).ToHaveAttributeAsync("data-state", "pending");

        await node.StartAsync();
        // A new tab of the same browser: nothing of the old page's memory, only what it stored.
        await console.ReopenAsync();
        await console.ExpectConnectedAsync();
        await LearnedOutcomes.WaitForAsync(api, o => o.Failures >= 1);
        Assert.Equal(1, await ClosedCountAsync("tab", nudgeId));
        await console.ExpectOutboxEmptyAsync("tab", "alice");
        await Expect(console.Page.GetByTestId("empty")).ToBeVisibleAsync();
        Assert.Equal((0, 1), await LearnedOutcomes.ReadAsync(api));
    }
}
