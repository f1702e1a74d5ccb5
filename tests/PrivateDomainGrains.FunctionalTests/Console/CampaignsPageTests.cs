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
