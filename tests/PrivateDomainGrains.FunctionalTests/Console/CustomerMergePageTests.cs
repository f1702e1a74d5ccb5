using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>The customer page's "merge into…" (issue 14) in a real browser against a real node: for admins and managers only.</summary>
public sealed class CustomerMergePageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_admin_merges_a_shop_buyer_into_the_wecom_customer_from_its_page_once_asked_and_lands_on_the_survivor_whose_timeline_records_it()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("mg-page", "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.PostEventsAsync(Events.FriendAdded("mp-1", "lin", "alice", nickname: "林晓雯", at: DateTimeOffset.UtcNow.AddMinutes(-30)));
        await api.PostEventsAsync(Events.OrderPaid("mp-2", "lin-shop", "T-77", 199m, at: DateTimeOffset.UtcNow.AddMinutes(-20)));
        await using (var staff = await chromium.OpenAsync(platform.Node.BaseAddress))
        {
            await staff.SignInAsync("mg-page", "alice");
            await staff.Page.GotoAsync("/customers/lin");
            await Expect(staff.Page.GetByTestId("customer-name")).ToHaveTextAsync("林晓雯");
            await Expect(staff.Page.GetByTestId("merge")).ToHaveCountAsync(0);
        }
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390);
        await console.SignInAsync("mg-page", "root");
        await console.Page.GotoAsync("/customers/lin-shop");

        await console.Page.GetByTestId("merge-survivor").Locator("input").FillAsync("lin");
        await console.Page.GetByTestId("merge-submit").ClickAsync();
        // Asked first, naming both customers; cancelled, nothing moves.
        await Expect(console.Page.GetByTestId("merge-confirm")).ToHaveTextAsync("把 lin-shop 合并到 lin？它的记录、标签、手机号和提醒都会移过去；之后可在 lin 的页面撤销。");
        await console.ConfirmAsync("取消");
        Assert.Equal("lin-shop", (await api.Api.Customers.GetAsync("lin-shop"))!.CustomerId);
        Assert.Empty((await api.Api.Customers.ListMergesAsync("lin")).Items);

        await console.Page.GetByTestId("merge-survivor").Locator("input").PressAsync("Enter");
        await console.ConfirmAsync("合并");

        await Expect(console.Page).ToHaveURLAsync(new Uri(platform.Node.BaseAddress, "/customers/lin").ToString());
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("林晓雯");
        var timeline = console.Page.GetByTestId("timeline");
        await Expect(timeline.Locator("[data-kind=change][data-what=merged]")).ToContainTextAsync("lin-shop");
        await Expect(timeline.Locator("[data-kind=event][data-what='order.paid']")).ToHaveCountAsync(1);
        await console.ScreenshotAsync("customer-merge-zh-CN-390");
        var survivor = (await api.Api.Customers.GetAsync("lin-shop"))!;
        Assert.Equal(("lin", 1, 2L), (survivor.CustomerId, survivor.Counters.Orders, survivor.Counters.Events));
        Assert.Equal("staff:root", (await api.Api.Customers.ListMergesAsync("lin")).Items.Single().MergedBy);
    }
}
