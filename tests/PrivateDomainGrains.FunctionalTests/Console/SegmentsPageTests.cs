using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The segments page in a real browser: a manager reaches it from the queue, edits a filter and sees the live count
/// over their team's customers, sees a bad score at its field, saves the segment and finds it again; a staff member
/// is refused.
/// </summary>
public sealed class SegmentsPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TeamAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        return api;
    }

    [Fact]
    public async Task A_manager_edits_a_filter_with_a_live_count_over_the_team_sees_an_error_at_its_field_and_saves_it()
    {
        using var api = await TeamAsync("segpage");
        await api.PostEventsAsync(
            Events.FriendAdded("s-1", "qian", "alice", nickname: "Qian"),
            Events.OrderPaid("s-2", "qian", "o-1", 1200m),
            Events.OrderPaid("s-3", "qian", "o-2", 20m, "USD"),
            Events.FriendAdded("s-4", "sun", "alice", nickname: "Sun"),
            Events.FriendAdded("s-5", "zhao", "bob", nickname: "Zhao"),
            Events.OrderPaid("s-6", "zhao", "o-3", 5000m));

        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress);
        await manager.SignInAsync("segpage", "mia");
        await manager.Page.GetByTestId("segments-link").ClickAsync();
        // Everyone the manager may see: alice's two, not bob's zhao.
        await Expect(manager.Page.GetByTestId("segment-count")).ToContainTextAsync("2");
        await Expect(manager.Page.Locator("[data-testid=member][data-customer-id=zhao]")).ToHaveCountAsync(0);

        await manager.Page.GetByTestId("frequency-min").Locator("input").FillAsync("1");
        await Expect(manager.Page.GetByTestId("segment-count")).ToContainTextAsync("1");
        var qian = manager.Page.Locator("[data-testid=member][data-customer-id=qian]");
        await Expect(qian).ToContainTextAsync("R 5 · F 2 · M 3");
        await Expect(qian).ToContainTextAsync("US$20.00");

        await manager.Page.GetByTestId("monetary-min").Locator("input").FillAsync("9");
        await Expect(manager.Page.Locator(".n-form-item-feedback__line")).ToContainTextAsync("0-5");
        await manager.Page.GetByTestId("monetary-min").Locator("input").FillAsync("3");
        await Expect(manager.Page.GetByTestId("segment-count")).ToContainTextAsync("1");

        await manager.Page.GetByTestId("segment-name").Locator("input").FillAsync("买过的客户");
        await manager.Page.GetByTestId("save-segment").ClickAsync();
        await Expect(manager.Page.GetByTestId("saved-segment")).ToContainTextAsync("买过的客户");
        var saved = Assert.Single(await api.Api.Segments.ListAsync());
        Assert.Equal((1, 3), (saved.Filter.Rfm!.Frequency!.Min, saved.Filter.Rfm.Monetary!.Min));
        // Over the whole tenant (the integration's view) zhao counts too.
        Assert.Equal(2, (await api.Api.Segments.CountAsync(saved.SegmentId)).Count);
        await manager.ScreenshotAsync("segments-zh-CN");
    }

    [Fact]
    public async Task A_staff_member_has_no_link_to_segments_and_cannot_open_them()
    {
        using var api = await TeamAsync("segdenied");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("segdenied", "alice");
        await Expect(console.Page.GetByTestId("segments-link")).ToHaveCountAsync(0);
        await console.Page.GotoAsync("/segments");
        await Expect(console.Page.GetByTestId("segments-forbidden")).ToBeVisibleAsync();
    }
}
