using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The staff workbench in a real browser against a real node: from a live nudge to its customer's detail and timeline,
/// tags, the customer list with search, snoozing, and nothing of another staff member's. Each test has a tenant of its own.
/// </summary>
public sealed class WorkbenchPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        return api;
    }

    private static Task<bool> ScrollsSidewaysAsync(ConsolePage console) =>
        console.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");

    [Fact]
    public async Task A_live_nudge_leads_to_its_customer_whose_timeline_shows_the_message_and_the_nudge_and_a_tag_added_there_persists()
    {
        using var api = await TenantAsync("wb-live");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("wb-live", "alice");

        await api.PostEventsAsync(Events.FriendAdded("w-1", "lin", "alice", nickname: "林晓雯", at: DateTimeOffset.UtcNow.AddMinutes(-3)));
        await api.PostEventsAsync(Events.MessageReceived("w-2", "lin", "想问问哪款粉底液适合油皮？"));
        var reply = console.Nudge("lin", "reply");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply.GetByTestId("new")).ToBeVisibleAsync();

        var group = console.Page.Locator("[data-testid=customer][data-customer-id='lin']");
        await Expect(group.GetByTestId("customer-link")).ToContainTextAsync("林晓雯");
        await group.GetByTestId("customer-link").ClickAsync();

        await Expect(console.Page).ToHaveURLAsync(new Uri(platform.Node.BaseAddress, "/customers/lin").ToString());
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("林晓雯");
        await Expect(console.Page.GetByTestId("owner")).ToHaveTextAsync("alice");
        var timeline = console.Page.GetByTestId("timeline");
        await Expect(timeline.Locator("[data-kind=event][data-what='message.received']")).ToContainTextAsync("想问问哪款粉底液适合油皮？");
        await Expect(timeline.Locator("[data-kind=nudge-raised][data-what=reply]")).ToContainTextAsync("回复");
        await Expect(console.Page.GetByTestId("nba-reason")).ToContainTextAsync("收到消息");

        await console.Page.GetByTestId("new-tag").Locator("input").FillAsync("油皮");
        await console.Page.GetByTestId("add-tag").ClickAsync();
        await Expect(console.Page.Locator("[data-testid=tag][data-tag='油皮']")).ToBeVisibleAsync();
        await Expect(timeline.Locator("[data-kind=change][data-what=tag-added]")).ToContainTextAsync("油皮");
        await console.ScreenshotAsync("customer-zh-CN-desktop");

        await console.Page.ReloadAsync();
        await Expect(console.Page.Locator("[data-testid=tag][data-tag='油皮']")).ToBeVisibleAsync();
        Assert.Contains("油皮", (await api.Api.Customers.GetAsync("lin"))!.Tags);
    }

    [Fact]
    public async Task At_390_px_the_customer_shows_its_phone_from_its_identities_and_a_remark_written_there_is_kept_and_in_the_timeline()
    {
        using var api = await TenantAsync("wb-remark");
        await api.PostEventsAsync(Events.FriendAdded("rm-1", "he", "alice", nickname: "何雨"));
        await api.Api.Identities.AddAsync("he", new Dictionary<string, string> { ["phone"] = "13800138000" });
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390);
        await console.SignInAsync("wb-remark", "alice");
        await console.Page.GotoAsync("/customers/he");

        await Expect(console.Page.GetByTestId("phone")).ToHaveTextAsync("+8613800138000");
        await Expect(console.Page.GetByTestId("remark-text")).ToHaveTextAsync("—");
        await console.Page.GetByTestId("remark-edit").ClickAsync();
        await console.Page.GetByTestId("remark-input").Locator("textarea").FillAsync("周末联系，敏感肌");
        // A double click saves once.
        await console.Page.GetByTestId("remark-save").DblClickAsync();

        await Expect(console.Page.GetByTestId("remark-text")).ToHaveTextAsync("周末联系，敏感肌");
        var remarks = console.Page.GetByTestId("timeline").Locator("[data-kind=change][data-what=field-set]");
        await Expect(remarks).ToHaveCountAsync(1);
        await Expect(remarks).ToContainTextAsync("备注改为「周末联系，敏感肌」（alice）");
        Assert.False(await ScrollsSidewaysAsync(console));
        await console.ScreenshotAsync("customer-remark-zh-CN-390");
        await console.Page.ReloadAsync();
        await Expect(console.Page.GetByTestId("remark-text")).ToHaveTextAsync("周末联系，敏感肌");
        Assert.Equal("周末联系，敏感肌", (await api.Api.Customers.GetAsync("he"))!.Fields["remark"]);
    }

    [Fact]
    public async Task At_390_px_the_customer_list_finds_a_two_character_chinese_name_and_neither_list_nor_detail_scrolls_sideways()
    {
        using var api = await TenantAsync("wb-narrow");
        await api.PostEventsAsync(
            Events.FriendAdded("n-1", "wm5Lx8CQAAq9hFv2Lr8Yk3bQzT0aNnWcXdE1s", "alice", nickname: "林晓雯"),
            Events.MessageReceived("n-2", "wm5Lx8CQAAq9hFv2Lr8Yk3bQzT0aNnWcXdE1s", "你好，我是油皮，夏天特别容易出油脱妆，想问问你们家哪款粉底液比较适合我？最好是持久控油不闷痘的。"),
            Events.FriendAdded("n-3", "zhou", "alice", nickname: "周杰"),
            Events.FriendAdded("n-4", "wang", "alice", nickname: "王芳"),
            Events.FriendAdded("n-5", "bobs", "bob", nickname: "林小明"));
        await api.Api.Customers.AddTagsAsync("zhou", ["VIP", "敏感肌", "老客户转介绍"]);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844, reducedMotion: true);
        await console.SignInAsync("wb-narrow", "alice");

        await console.Page.GetByTestId("nav-customers").ClickAsync();
        var rows = console.Page.GetByTestId("customer-row");
        await Expect(rows).ToHaveCountAsync(3);
        await console.ScreenshotAsync("customers-zh-CN-390");
        Assert.False(await ScrollsSidewaysAsync(console), "the customer list scrolls sideways at 390 px");

        await console.Page.GetByTestId("customer-search").Locator("input").FillAsync("晓雯");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-customer-id", "wm5Lx8CQAAq9hFv2Lr8Yk3bQzT0aNnWcXdE1s");
        await console.Page.GetByTestId("customer-search").Locator("input").FillAsync("");
        await console.Page.GetByTestId("filter-open").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3); // every new friend has an open welcome
        await console.Page.GetByTestId("filter-tag").Locator("input").FillAsync("VIP");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-customer-id", "zhou");

        await rows.First.ClickAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("周杰");
        await Expect(console.Page.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(console), "the customer detail scrolls sideways at 390 px");
        foreach (var button in await console.Page.Locator("main button").AllAsync())
        {
            var box = (await button.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"a button reaches outside the 390 px window: {box.X}+{box.Width}");
        }
        await console.ScreenshotAsync("customer-zh-CN-390");

        await console.Page.GetByTestId("back").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1); // the filters were kept
    }

    [Fact]
    public async Task A_customers_timeline_shows_each_orders_amount_in_its_currency_as_the_consoles_language_writes_it()
    {
        using var api = await TenantAsync("wb-orders");
        var now = DateTimeOffset.UtcNow;
        await api.PostEventsAsync(Events.FriendAdded("o-1", "zhao", "alice", nickname: "赵敏", at: now.AddMinutes(-40)),
            Events.OrderPaid("o-2", "zhao", "A-1", 88.5m, at: now.AddMinutes(-30)), Events.OrderPaid("o-3", "zhao", "A-2", 12m, "USD", at: now.AddMinutes(-20)),
            new PostedEvent("o-4", "zhao", "order.refunded", now.AddMinutes(-10), Data: new Dictionary<string, string> { ["orderId"] = "A-1", ["amount"] = "20" }));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        await console.SignInAsync("wb-orders", "alice");

        await console.Page.GotoAsync("/customers/zhao");
        var timeline = console.Page.GetByTestId("timeline");
        var paid = timeline.Locator("[data-kind=event][data-what='order.paid']").GetByTestId("timeline-amount");
        // Newest first; a refund without a currency is in the customer's own.
        await Expect(paid).ToHaveTextAsync(["US$12.00", "¥88.50"]);
        await Expect(timeline.Locator("[data-kind=event][data-what='order.refunded']").GetByTestId("timeline-amount")).ToHaveTextAsync("¥20.00");
        await console.ScreenshotAsync("customer-orders-zh-CN-390");
        Assert.False(await ScrollsSidewaysAsync(console), "the timeline scrolls sideways at 390 px");

        await console.Page.GetByTestId("language").ClickAsync();
        await Expect(paid).ToHaveTextAsync(["$12.00", "CN¥88.50"]);
    }

    [Fact]
    public async Task A_snoozed_nudge_leaves_the_queue_and_does_not_come_back_on_reload()
    {
        using var api = await TenantAsync("wb-snooze");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("wb-snooze", "alice");
        await api.PostEventsAsync(Events.FriendAdded("s-1", "qian", "alice", nickname: "钱"), Events.FriendAdded("s-2", "sun", "alice", nickname: "孙"));
        var qian = console.Nudge("qian", "welcome");
        await Expect(qian).ToBeVisibleAsync();

        await qian.GetByTestId("snooze").ClickAsync();
        await console.Page.GetByText("明天 9:00").ClickAsync();

        await Expect(qian).ToHaveCountAsync(0);
        await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", "1");
        await console.Page.ReloadAsync();
        await console.ExpectConnectedAsync();
        await Expect(console.Nudge("sun", "welcome")).ToBeVisibleAsync();
        await Expect(console.Nudge("qian", "welcome")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Another_staff_members_customer_opened_by_its_address_is_not_found()
    {
        using var api = await TenantAsync("wb-other");
        await api.PostEventsAsync(Events.FriendAdded("o-1", "bobs", "bob", nickname: "Bob's customer"));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("wb-other", "alice");

        await console.Page.GotoAsync("/customers/bobs");

        await Expect(console.Page.GetByTestId("customer-missing")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveCountAsync(0);
        await Expect(console.Page.GetByText("Bob's customer")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_customer_pages_speak_english_once_switched()
    {
        using var api = await TenantAsync("wb-en");
        await api.PostEventsAsync(Events.FriendAdded("e-1", "sun", "alice", nickname: "Sun Li"), Events.MessageReceived("e-2", "sun", "Is the toner alcohol-free?"));
        await api.Api.Customers.AddTagsAsync("sun", ["oily skin"]);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("wb-en", "alice");
        await console.Page.GetByTestId("language").ClickAsync();

        await console.Page.GetByTestId("nav-customers").ClickAsync();
        await Expect(console.Page.GetByTestId("nav-customers")).ToHaveTextAsync("My customers");
        await Expect(console.Page.GetByTestId("customer-row")).ToContainTextAsync("Prospect");
        await console.ScreenshotAsync("customers-en-desktop");
        await console.Page.GetByTestId("customer-row").ClickAsync();

        var timeline = console.Page.GetByTestId("timeline");
        await Expect(timeline.Locator("[data-kind=event][data-what='message.received']")).ToContainTextAsync("message received");
        await Expect(timeline.Locator("[data-kind=nudge-raised][data-what=reply]")).ToContainTextAsync("Prompt: Reply");
        await Expect(timeline.Locator("[data-kind=change][data-what=tag-added]")).ToContainTextAsync("Tag “oily skin” added (an integration)");
        await Expect(console.Page.GetByTestId("back")).ToContainTextAsync("Back to customers");
        await console.ScreenshotAsync("customer-en-desktop");
    }

    [Fact]
    public async Task A_manager_lists_the_teams_customers_with_their_owners_and_the_ones_no_one_owns()
    {
        using var api = await TenantAsync("wb-team");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mona", PlatformClient.StaffPassword, "Mona", "manager", "north"));
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.PostEventsAsync(
            Events.FriendAdded("t-1", "of-alice", "alice", nickname: "Alice's"), Events.FriendAdded("t-2", "of-bob", "bob", nickname: "Bob's"),
            Events.MessageReceived("t-3", "of-no-one", "hello"));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        await console.SignInAsync("wb-team", "mona");

        await console.Page.GetByTestId("nav-customers").ClickAsync();
        var rows = console.Page.GetByTestId("customer-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.GetByTestId("row-owner")).ToContainTextAsync("alice");

        await console.Page.GetByTestId("filter-owner").ClickAsync();
        await console.Page.GetByText("无人负责").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-customer-id", "of-no-one");
        await Expect(rows.First.GetByTestId("row-owner")).ToContainTextAsync("暂无负责人");
        Assert.False(await ScrollsSidewaysAsync(console), "the manager's customer list scrolls sideways at 390 px");
    }
}
