using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Campaigns;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The campaigns page in a real browser: a manager reaches it from the nav, creates a campaign from a saved segment
/// (reaching only the team's customers), pauses and resumes it, and reads its results as the owner acts on the nudge in
/// another browser (who sees the campaign's name on the card) and the customer replies and orders; a staff member is refused. The node reads one member per page,
/// so with a window of two hours the second member waits an hour and the campaign stays running while it is worked.
/// </summary>
public sealed class CampaignsPageTests(CampaignsPageTests.OnePerPageNode platform, Chromium chromium)
    : IClassFixture<CampaignsPageTests.OnePerPageNode>, IClassFixture<Chromium>
{
    /// <summary>A node whose campaigns read one member per page.</summary>
    public sealed class OnePerPageNode : IAsyncLifetime
    {
        private readonly TestDatabase _database = new();

        public PlatformNode Node { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            Node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "campaign-page"), "--Campaigns:PageSize", "1");
        }

        public async Task DisposeAsync()
        {
            await Node.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    private async Task<PlatformClient> TeamAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await CampaignSetUp.TenantAsync(api, tenant, CampaignSetUp.QuietPlaybook);
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        return api;
    }

    [Fact]
    public async Task A_manager_creates_a_campaign_over_the_team_pauses_and_resumes_it_and_reads_its_results()
    {
        using var api = await TeamAsync("cmpui");
        await api.PostEventsAsync(
            Events.FriendAdded("f-1", "qian", "alice", nickname: "Qian"),
            Events.FriendAdded("f-2", "sun", "alice", nickname: "Sun"),
            Events.FriendAdded("f-3", "zhao", "bob", nickname: "Zhao"));
        await api.Api.Segments.CreateAsync(new SegmentRequest("全部客户", new SegmentFilter(Owners: ["alice", "bob"])));

        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress);
        await manager.SignInAsync("cmpui", "mia");
        await manager.Page.GetByTestId("nav-campaigns").ClickAsync();
        await manager.Page.GetByTestId("campaign-name").Locator("input").FillAsync("春季优惠");
        await manager.Page.GetByTestId("campaign-segment").ClickAsync();
        await manager.Page.Locator(".n-base-select-option", new() { HasText = "全部客户" }).ClickAsync();
        // The pace over the team's two customers (not bob's zhao).
        await Expect(manager.Page.GetByTestId("campaign-pace")).ToContainTextAsync("2");
        await manager.Page.GetByTestId("campaign-title").Locator("input").FillAsync("给 {name} 的春季优惠");
        await manager.Page.GetByTestId("campaign-text").Locator("textarea").FillAsync("{name}您好，春季优惠来了");
        await manager.Page.GetByTestId("create-campaign").ClickAsync();

        var detail = manager.Page.GetByTestId("campaign-detail");
        await Expect(detail).ToHaveAttributeAsync("data-state", "running");
        await Expect(Figure(manager, "members")).ToHaveTextAsync("2");
        await Expect(Figure(manager, "raised")).ToHaveTextAsync("1");
        var campaignId = (await detail.GetAttributeAsync("data-campaign-id"))!;

        await manager.Page.GetByTestId("campaign-pause").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-state", "paused");
        await Expect(manager.Page.Locator($"[data-testid=campaign-row][data-campaign-id='{campaignId}']")).ToHaveAttributeAsync("data-state", "paused");
        Assert.Equal("paused", (await api.Api.Campaigns.GetAsync(campaignId))!.State);
        // A resume spreads what is left over what is left of the window, starting now: the last member goes at once.
        await manager.Page.GetByTestId("campaign-resume").ClickAsync();
        await Expect(detail).ToHaveAttributeAsync("data-state", "completed");
        await Expect(Figure(manager, "raised")).ToHaveTextAsync("2");

        // alice clicks Done on the campaign's nudge in her own browser; the customer replies and orders.
        await using (var staff = await chromium.OpenAsync(platform.Node.BaseAddress))
        {
            await staff.SignInAsync("cmpui", "alice");
            var nudge = staff.Page.Locator("[data-testid=customer][data-customer-id='qian'] [data-testid=nudge]");
            await Expect(nudge).ToContainTextAsync("给 Qian 的春季优惠");
            // Staff may not list campaigns: the name comes with the nudge.
            await Expect(nudge.GetByTestId("reason")).ToContainTextAsync("群发「春季优惠」");
            await nudge.GetByTestId("done").ClickAsync();
            await Expect(nudge).ToHaveCountAsync(0);
        }
        await api.PostEventsAsync(Events.MessageReceived("m-1", "qian", "好的，我要两件"), Events.OrderPaid("o-1", "qian", "order-1", 199m));
        await Expect(Figure(manager, "done")).ToHaveTextAsync("50%");
        await Expect(Figure(manager, "replies")).ToHaveTextAsync("1");
        await Expect(Figure(manager, "orders")).ToHaveTextAsync("1");
        await Expect(Figure(manager, "revenue")).ToHaveTextAsync("CNY 199");
        await manager.ScreenshotAsync("campaigns-zh-CN");

        // The team's campaign only: one the admin key created is not the manager's to see.
        var admins = await CampaignSetUp.CreateAsync(api, (await api.Api.Segments.ListAsync())[0].SegmentId, 3600);
        var mine = api.Api.WithConsoleToken(await api.ConsoleTokenAsync("mia")).Workbench.Campaigns;
        Assert.Equal([campaignId], (await mine.ListAsync()).Select(c => c.CampaignId));
        Assert.Null(await mine.GetAsync(admins.CampaignId));
        Assert.Equal(("mia", 2L), ((await api.Api.Campaigns.GetAsync(campaignId))!.By, (await api.Api.Campaigns.GetAsync(campaignId))!.MembersTotal));
    }

    [Theory]
    [InlineData("zh-CN", 1280)]
    [InlineData("zh-CN", 360)]
    [InlineData("en", 1280)]
    [InlineData("en", 360)]
    public async Task Every_field_the_server_refuses_turns_red_at_its_own_box_a_variants_too_and_fixed_the_campaign_goes_out_with_its_variants(
        string language, int width)
    {
        var english = language == "en";
        var tenant = $"cmpform-{(english ? "en" : "zh")}-{width}";
        using var api = await TeamAsync(tenant);
        await api.PostEventsAsync(Events.FriendAdded("f-1", "qian", "alice", nickname: "Qian"));
        var segment = await api.Api.Segments.CreateAsync(new SegmentRequest("全部客户", new SegmentFilter(Owners: ["alice"])));

        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 900);
        var page = manager.Page;
        await manager.SignInAsync(tenant, "mia");
        if (english) await page.GetByTestId("language").ClickAsync();
        await page.GotoAsync("/campaigns");
        await page.GetByTestId("campaign-name").Locator("input").FillAsync("春季优惠");
        await page.GetByTestId("campaign-segment").ClickAsync();
        await page.Locator(".n-base-select-option", new() { HasText = "全部客户" }).ClickAsync();
        // Two script fields wrong at once (a blank title, an unknown placeholder), and the second variant's id and text.
        await page.GetByTestId("campaign-text").Locator("textarea").FillAsync("{nmae}您好");
        for (var i = 0; i < 3; i++) await page.GetByTestId("variant-add").ClickAsync();
        var variants = page.GetByTestId("campaign-variant");
        await variants.Nth(2).GetByTestId("variant-remove").ClickAsync();
        await Expect(variants).ToHaveCountAsync(2);
        await FillVariantAsync(variants.Nth(0), "short", "短版", "{name}您好");
        await FillVariantAsync(variants.Nth(1), "short", "长版", "{bad}您好");
        await page.GetByTestId("create-campaign").ClickAsync();

        await Expect(page.GetByTestId("campaign-errors")).ToContainTextAsync(english ? "The campaign is invalid" : "群发无效");
        await Expect(Feedback(page.GetByTestId("campaign-title-item"))).ToContainTextAsync("'script.title'");
        await Expect(Feedback(page.GetByTestId("campaign-text-item"))).ToContainTextAsync("'script.text'");
        await Expect(Feedback(variants.Nth(1).GetByTestId("variant-id-item"))).ToContainTextAsync("'script.variants[1].id'");
        await Expect(Feedback(variants.Nth(1).GetByTestId("variant-text-item"))).ToContainTextAsync("'script.variants[1].text'");
        foreach (var fine in new[] { page.GetByTestId("campaign-name-item"), variants.Nth(0).GetByTestId("variant-id-item"), variants.Nth(0).GetByTestId("variant-text-item"), variants.Nth(1).GetByTestId("variant-title-item") })
            await Expect(Feedback(fine)).ToHaveTextAsync("");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await manager.ScreenshotAsync($"campaign-errors-{language}-{width}");
        Assert.Empty((await api.Api.Campaigns.ListAsync()));

        await page.GetByTestId("campaign-title").Locator("input").FillAsync("给 {name} 的春季优惠");
        await page.GetByTestId("campaign-text").Locator("textarea").FillAsync("{name}您好");
        await FillVariantAsync(variants.Nth(1), "long", "长版", "{name}您好，春季优惠来了");
        await page.GetByTestId("create-campaign").ClickAsync();
        await Expect(page.GetByTestId("campaign-detail")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("campaign-errors")).ToHaveCountAsync(0);
        var made = Assert.Single((await api.Api.Campaigns.ListAsync()));
        Assert.Equal((segment.SegmentId, "short, long"), (made.SegmentId, string.Join(", ", made.Script.Variants!.Select(v => v.Id))));
    }

    private static async Task FillVariantAsync(Microsoft.Playwright.ILocator variant, string id, string title, string text)
    {
        await variant.GetByTestId("variant-id").Locator("input").FillAsync(id);
        await variant.GetByTestId("variant-title").Locator("input").FillAsync(title);
        await variant.GetByTestId("variant-text").Locator("textarea").FillAsync(text);
    }

    /// <summary>What a form item says under its box (Naive UI's feedback), empty when nothing is wrong.</summary>
    private static Microsoft.Playwright.ILocator Feedback(Microsoft.Playwright.ILocator item) =>
        item.Locator("> .n-form-item-feedback-wrapper");

    [Fact]
    public async Task A_staff_member_has_no_link_to_campaigns_and_cannot_open_them()
    {
        using var api = await TeamAsync("cmpdenied");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("cmpdenied", "alice");
        await Expect(console.Page.GetByTestId("nav-queue")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("nav-campaigns")).ToHaveCountAsync(0);
        await console.Page.GotoAsync("/campaigns");
        await Expect(console.Page.GetByTestId("campaigns-forbidden")).ToBeVisibleAsync();
        var theirs = api.Api.WithConsoleToken(await api.ConsoleTokenAsync("alice")).Workbench.Campaigns;
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => theirs.ListAsync());
        Assert.Equal(403, (int)refused.StatusCode);
    }

    private static Microsoft.Playwright.ILocator Figure(ConsolePage page, string id) =>
        page.Page.GetByTestId("figure-" + id).GetByTestId("figure-value");
}
