using PrivateDomainGrains.FunctionalTests.Console;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>
/// The staff console (src/PrivateDomainGrains.Console, built into the host's wwwroot) in a real browser against a real
/// node: sign-in, the live queue, Done and Not useful, both languages and the WeCom sidebar width.
/// Each test has a tenant of its own, so queues never mix.
/// </summary>
public sealed class ConsolePageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TenantAsync(string tenant, string? playbook = null)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        if (playbook is not null) await api.Api.Playbook.PutAsync(playbook);
        return api;
    }

    [Fact]
    public async Task A_signed_in_staff_member_sees_a_nudge_arrive_live_and_done_closes_it_for_good()
    {
        using var api = await TenantAsync("live");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("live", "alice");
        await Expect(console.Page.GetByTestId("empty")).ToBeVisibleAsync();

        await api.PostEventsAsync(Events.FriendAdded("live-1", "qian", "alice", nickname: "Qian"));
        var welcome = console.Nudge("qian", "welcome");
        await Expect(welcome).ToBeVisibleAsync();
        await Expect(welcome.GetByTestId("new")).ToBeVisibleAsync();
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "1");
        await Expect(welcome.GetByTestId("kind")).ToHaveTextAsync("欢迎");
        // The reason in plain words: the event type is named, not coded.
        await Expect(welcome.GetByTestId("reason")).ToContainTextAsync("添加好友");
        await Expect(welcome.GetByTestId("reason")).Not.ToContainTextAsync("friend.added");

        await welcome.GetByTestId("done").ClickAsync();
        await Expect(welcome).ToHaveCountAsync(0);
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "0");
        // Done teaches the model nothing by itself; Qian answering the welcome is its success.
        await api.PostEventsAsync(Events.MessageReceived("live-1-reply", "qian", "谢谢"));
        await LearnedOutcomes.WaitForAsync(api, o => o.Successes >= 1);

        await api.PostEventsAsync(Events.FriendAdded("live-2", "zhao", "alice", nickname: "Zhao"));
        await Expect(console.Nudge("zhao", "welcome")).ToBeVisibleAsync();
        await console.Page.ReloadAsync();
        await console.ExpectConnectedAsync();
        // The open welcome is replayed on connect (and is not new to this staff member); the one done is not.
        await Expect(console.Nudge("zhao", "welcome")).ToBeVisibleAsync();
        await Expect(console.Nudge("zhao", "welcome").GetByTestId("new")).ToHaveCountAsync(0);
        await Expect(console.Nudge("qian", "welcome")).ToHaveCountAsync(0);
        Assert.Equal((1, 0), await LearnedOutcomes.ReadAsync(api));
    }

    [Fact]
    public async Task A_reload_keeps_the_session_and_signing_out_ends_it()
    {
        using var api = await TenantAsync("reload");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("reload", "bob");
        await Expect(console.Page).ToHaveURLAsync(new Uri(platform.Node.BaseAddress, "/queue").ToString());

        await console.Page.ReloadAsync();
        await console.ExpectConnectedAsync();
        await Expect(console.Page.GetByTestId("who")).ToContainTextAsync("bob");

        await console.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(console.Page.GetByTestId("sign-in")).ToBeVisibleAsync();
        Assert.Null(await console.StoredSessionAsync());
        // A client route opened while signed out leads to sign-in (the host answers /queue with the app).
        await console.Page.GotoAsync("/queue");
        await Expect(console.Page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(console.Page.Locator("input[name=staffId]")).ToHaveValueAsync("bob");
    }

    [Fact]
    public async Task A_failed_sign_in_shows_the_servers_message_in_the_consoles_language_and_stays_signed_out()
    {
        using var api = await TenantAsync("wrong");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);

        await console.FillSignInAsync("wrong", "alice", "not-the-password");

        await Expect(console.Page.GetByTestId("sign-in-error")).ToHaveTextAsync("登录失败：员工不存在或密码错误");
        Assert.Null(await console.StoredSessionAsync());
        await console.Page.GetByTestId("language").ClickAsync();
        await console.Page.GetByTestId("sign-in").ClickAsync();
        await Expect(console.Page.GetByTestId("sign-in-error")).ToContainTextAsync("Unknown staff member or wrong password");
    }

    [Fact]
    public async Task The_console_speaks_chinese_by_default_and_english_once_switched_and_remembers_it()
    {
        using var api = await TenantAsync("lang");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await Expect(console.Page.GetByTestId("sign-in")).ToHaveTextAsync("登录");
        await Expect(console.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await console.SignInAsync("lang", "alice");
        await api.PostEventsAsync(Events.FriendAdded("lang-1", "sun", "alice"), Events.MessageReceived("lang-2", "sun", "hello"));
        var reply = console.Nudge("sun", "reply");
        await Expect(reply.GetByTestId("done")).ToHaveTextAsync("完成");
        await Expect(console.Connection).ToHaveTextAsync("已连接");

        await console.Page.GetByTestId("language").ClickAsync();

        await Expect(reply.GetByTestId("done")).ToHaveTextAsync("Done");
        await Expect(reply.GetByTestId("not-useful")).ToHaveTextAsync("Not useful");
        await Expect(reply.GetByTestId("kind")).ToHaveTextAsync("Reply");
        await Expect(console.Connection).ToHaveTextAsync("Connected");
        await Expect(console.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await console.Page.ReloadAsync();
        await Expect(console.Nudge("sun", "reply").GetByTestId("done")).ToHaveTextAsync("Done");
        await console.ScreenshotAsync("queue-en-desktop");
    }

    [Fact]
    public async Task At_390_px_nothing_scrolls_sideways_and_every_action_is_usable()
    {
        using var api = await TenantAsync("narrow", ConsolePlaybooks.WithScripts);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844, reducedMotion: true);
        await console.ScreenshotAsync("sign-in-zh-CN-390");
        await console.SignInAsync("narrow", "alice");
        await api.PostEventsAsync(
            Events.FriendAdded("n-1", "wm5Lx8CQAAq9hFv2Lr8Yk3bQzT0aNnWcXdE1s", "alice", nickname: "林晓雯"),
            Events.MessageReceived("n-2", "wm5Lx8CQAAq9hFv2Lr8Yk3bQzT0aNnWcXdE1s", "你好，我是油皮，夏天特别容易出油脱妆，想问问你们家哪款粉底液比较适合我？最好是持久控油不闷痘的。"),
            Events.FriendAdded("n-3", "zhou", "alice", nickname: "周"),
            Events.FriendAdded("n-4", "wang", "alice", nickname: "王"),
            Events.FriendDeleted("n-5", "wang"));
        await Expect(console.Nudges).ToHaveCountAsync(5);

        var reply = console.Nudge("wm5Lx8CQAAq9hFv2Lr8Yk3bQzT0aNnWcXdE1s", "reply");
        await reply.GetByText("为什么推荐这条？").ClickAsync();
        await Expect(reply.GetByTestId("why")).ToContainTextAsync("规则已暂停");
        await console.Page.WaitForTimeoutAsync(500); // the fold's opening transition, for the screenshot
        await console.ScreenshotAsync("queue-zh-CN-390");

        Assert.True(await console.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the page scrolls sideways at 390 px");
        foreach (var button in await console.Page.Locator("[data-testid=nudge] button").AllAsync())
        {
            var box = (await button.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"a button reaches outside the 390 px window: {box.X}+{box.Width}");
        }

        await reply.GetByTestId("copy").ClickAsync();
        Assert.StartsWith("您好，油皮的话", await console.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await reply.GetByTestId("not-useful").ClickAsync();
        await Expect(reply).ToHaveCountAsync(0);
        await LearnedOutcomes.WaitForAsync(api, o => o.Failures >= 1);

        await console.Page.SetViewportSizeAsync(1280, 860);
        await console.ScreenshotAsync("queue-zh-CN-desktop");
    }

    [Fact]
    public async Task Idle_for_90_seconds_the_console_stays_connected_and_a_new_nudge_still_arrives()
    {
        using var api = await TenantAsync("idle");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("idle", "alice");

        // Longer than the server's client timeout (30 s) three times over: only keep-alives cross the connection.
        await console.Page.WaitForTimeoutAsync(90_000);

        await Expect(console.Connection).ToHaveAttributeAsync("data-state", "connected");
        await api.PostEventsAsync(Events.FriendAdded("idle-1", "zhao", "alice", nickname: "Zhao"));
        await Expect(console.Nudge("zhao", "welcome")).ToBeVisibleAsync();
        await Expect(console.Nudge("zhao", "welcome").GetByTestId("new")).ToBeVisibleAsync();
    }
}
