using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The console driven the way real staff and managers break things: names and tags an integration sent as HTML or as
/// far too long, a phone-width window, a session that expired overnight, Back and Forward mid-way. Each test has a
/// tenant of its own.
/// </summary>
public sealed class BreakItPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>, IAsyncLifetime
{
    /// <summary>For the tests that stop and start a node of their own.</summary>
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private const string HtmlName = "<img src=x onerror=\"window.__pwned=1\"><b>粗</b>";
    private static readonly string LongName = string.Concat(Enumerable.Repeat("欧阳娜娜的超级长名字", 8));
    private static readonly string LongTag = string.Concat(Enumerable.Repeat("敏感肌", 21));

    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        return api;
    }

    private static Task<bool> ScrollsSidewaysAsync(ConsolePage console) =>
        console.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");

    [Fact]
    public async Task Html_and_script_in_a_customers_name_and_tags_are_shown_as_text_on_every_screen()
    {
        using var api = await TenantAsync("bk-html");
        await api.PostEventsAsync(Events.FriendAdded("h-1", "html", "alice", nickname: HtmlName));
        await api.Api.Customers.AddTagsAsync("html", ["<script>window.__pwned=2</script>"]);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("bk-html", "alice");

        var group = console.Page.Locator("[data-testid=customer][data-customer-id='html']");
        await Expect(group.GetByTestId("customer-link")).ToContainTextAsync(HtmlName);
        await console.Page.GotoAsync("/customers?q=" + Uri.EscapeDataString("粗"));
        await Expect(console.Page.GetByTestId("customer-row")).ToContainTextAsync(HtmlName);
        await console.Page.GotoAsync("/customers/html");
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync(HtmlName);
        await Expect(console.Page.GetByTestId("tag")).ToHaveTextAsync("<script>window.__pwned=2</script>");

        Assert.Equal(0, await console.Page.Locator("main img, main b, main script").CountAsync());
        Assert.True(await console.Page.EvaluateAsync<bool>("window.__pwned === undefined"));
    }

    [Theory]
    [InlineData("alice", false)]
    [InlineData("alice", true)]
    [InlineData("mia", false)]
    [InlineData("mia", true)]
    public async Task At_390_px_very_long_chinese_names_and_tags_never_make_a_screen_scroll_sideways(string staffId, bool english)
    {
        var tenant = $"bk-long-{staffId}{(english ? "-en" : "")}";
        using var api = await TenantAsync(tenant);
        await api.PostEventsAsync(Events.FriendAdded("l-1", "long", "alice", nickname: LongName));
        await api.Api.Customers.AddTagsAsync("long", [LongTag]);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 800);
        await console.SignInAsync(tenant, staffId);
        if (english) await console.Page.GetByTestId("language").ClickAsync();
        staffId += english ? "-en" : "";

        var screens = new List<string>();
        // A manager's queue header carries the team dashboard's link too.
        if (staffId.StartsWith("alice")) await Expect(console.Nudge("long", "welcome")).ToBeVisibleAsync();
        else await Expect(console.Page.GetByTestId("team-dashboard-link")).ToBeVisibleAsync();
        if (await ScrollsSidewaysAsync(console)) screens.Add("queue");
        await console.ScreenshotAsync($"break-long-queue-{staffId}-390");
        await console.Page.GotoAsync("/customers");
        await Expect(console.Page.GetByTestId("customer-row")).ToHaveCountAsync(1);
        if (await ScrollsSidewaysAsync(console)) screens.Add("customers");
        await console.ScreenshotAsync($"break-long-customers-{staffId}-390");
        await console.Page.GotoAsync("/customers/long");
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync(LongName);
        if (await ScrollsSidewaysAsync(console)) screens.Add("customer");
        await console.ScreenshotAsync($"break-long-customer-{staffId}-390");
        if (staffId == "mia")
        {
            await console.Page.GotoAsync("/team");
            await Expect(console.Page.Locator("[data-testid=staff-row][data-staff-id=alice]")).ToBeVisibleAsync();
            if (await ScrollsSidewaysAsync(console)) screens.Add("team");
            await console.ScreenshotAsync("break-team-mia-390");
        }

        Assert.Empty(screens);
    }

    [Fact]
    public async Task A_session_that_expired_overnight_goes_to_sign_in_saying_so_and_the_next_sign_in_lands_on_the_queue()
    {
        using var api = await TenantAsync("bk-expired");
        await api.PostEventsAsync(Events.FriendAdded("e-1", "zhou", "alice", nickname: "周"));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("bk-expired", "alice");
        await Expect(console.Nudge("zhou", "welcome")).ToBeVisibleAsync();

        // As if the laptop slept through the night: the stored token was received two days ago.
        await console.Page.EvaluateAsync("""
            const s = JSON.parse(localStorage.getItem('pdg.console.session'));
            s.receivedAt = new Date(Date.now() - 2 * 86400000).toISOString();
            localStorage.setItem('pdg.console.session', JSON.stringify(s));
            """);
        await console.Page.ReloadAsync();

        await Expect(console.Page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("signed-out-reason")).ToBeVisibleAsync();
        await console.SignInAsync("bk-expired", "alice");
        await Expect(console.Nudge("zhou", "welcome")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Back_and_forward_between_the_queue_and_a_customer_keep_the_queue_live()
    {
        using var api = await TenantAsync("bk-history");
        await api.PostEventsAsync(Events.FriendAdded("b-1", "wu", "alice", nickname: "吴"));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("bk-history", "alice");
        var group = console.Page.Locator("[data-testid=customer][data-customer-id='wu']");
        await group.GetByTestId("customer-link").ClickAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("吴");

        await console.Page.GoBackAsync();
        await console.ExpectConnectedAsync();
        await Expect(console.Nudge("wu", "welcome")).ToBeVisibleAsync();
        await api.PostEventsAsync(Events.FriendAdded("b-2", "zheng", "alice", nickname: "郑"));
        await Expect(console.Nudge("zheng", "welcome")).ToBeVisibleAsync();
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "2");

        await console.Page.GoForwardAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("吴");
        await console.Page.GoBackAsync();
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "2");
        await Expect(console.Nudges).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Signing_out_in_one_tab_signs_out_every_tab_and_signing_in_again_brings_them_back()
    {
        using var api = await TenantAsync("bk-tabs");
        await api.PostEventsAsync(Events.FriendAdded("t-1", "feng", "alice", nickname: "冯"));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("bk-tabs", "alice");
        var second = await console.Page.Context.NewPageAsync();
        await second.GotoAsync("/queue");
        await Expect(second.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");

        await second.GetByTestId("sign-out").ClickAsync();

        await Expect(console.Page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(console.Nudges).ToHaveCountAsync(0);
        await second.Locator("input[name=password]").FillAsync(PlatformClient.StaffPassword);
        await second.GetByTestId("sign-in").ClickAsync();
        await Expect(second.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
        await console.ExpectConnectedAsync();
        await Expect(console.Nudge("feng", "welcome")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_snooze_calendar_opens_while_the_connection_is_down()
    {
        await using var node = await RestartableNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "bk-picker"));
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("bk-picker", "alice");
        await using var console = await chromium.OpenAsync(node.BaseAddress);
        await console.SignInAsync("bk-picker", "alice");
        await api.PostEventsAsync(Events.FriendAdded("p-1", "jiang", "alice", nickname: "蒋"));
        var welcome = console.Nudge("jiang", "welcome");
        await Expect(welcome).ToBeVisibleAsync();

        await node.StopAsync();
        await Expect(console.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
        await welcome.GetByTestId("snooze").ClickAsync();
        await console.Page.GetByText("选择时间…").ClickAsync();

        await Expect(welcome.GetByTestId("snooze-picker")).ToBeVisibleAsync();
        await welcome.GetByTestId("snooze-confirm").ClickAsync();
        await Expect(welcome).ToHaveAttributeAsync("data-state", "pending");
    }

    [Fact]
    public async Task A_double_click_on_more_of_a_long_timeline_lists_every_entry_once()
    {
        using var api = await TenantAsync("bk-more");
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await api.PostEventsAsync(Events.FriendAdded("m-0", "chu", "alice", nickname: "褚", at: start));
        await api.PostEventsAsync([.. Enumerable.Range(1, 70).Select(i => Events.MessageReceived($"m-{i}", "chu", $"第 {i} 条"))]);
        var total = (await api.Api.WithConsoleToken(await api.ConsoleTokenAsync("alice")).Workbench.ListTimelineAsync("chu", limit: 200)).Items.Count;
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("bk-more", "alice");
        await console.Page.GotoAsync("/customers/chu");
        var entries = console.Page.GetByTestId("timeline-entry");
        await Expect(entries).ToHaveCountAsync(50);

        Assert.True(total > 100, $"the timeline has {total} entries: not enough for three pages");

        await console.Page.GetByTestId("timeline-more").DblClickAsync();

        await Expect(entries).ToHaveCountAsync(100);
        await console.Page.GetByTestId("timeline-more").ClickAsync();
        await Expect(entries).ToHaveCountAsync(total);
        await Expect(console.Page.GetByTestId("timeline-more")).ToHaveCountAsync(0);
        var keys = await entries.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.entry)");
        Assert.Equal(total, keys.Distinct().Count());
    }
}
