using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// "My customers" shows each customer's RFM scores and lifetime value per currency, each amount in its own currency's
/// format and never added together: beside the name at a desktop's width, on a line of their own in the WeCom sidebar.
/// </summary>
public sealed class CustomerListValuesPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData(false, 1280)]
    [InlineData(true, 1280)]
    [InlineData(false, 360)]
    [InlineData(true, 360)]
    public async Task Each_row_shows_rfm_and_lifetime_value_per_currency_in_its_own_format_without_scrolling_sideways(bool english, int width)
    {
        var tenant = $"lv-{(english ? "en" : "zh")}-{width}";
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        var now = DateTimeOffset.UtcNow;
        await api.PostEventsAsync(
            Events.FriendAdded("v-1", "wang", "alice", nickname: "王晓雯", at: now.AddDays(-100)),
            Events.OrderPaid("v-2", "wang", "o-1", 2000m, at: now.AddDays(-95)),
            Events.OrderPaid("v-3", "wang", "o-2", 1200m, at: now.AddDays(-40)),
            Events.OrderPaid("v-4", "wang", "o-3", 35.5m, "USD", at: now.AddDays(-40)),
            new PostedEvent("v-5", "wang", "order.refunded", now.AddDays(-39),
                Data: new Dictionary<string, string> { ["orderId"] = "o-2", ["amount"] = "200", ["currency"] = "CNY" }),
            Events.FriendAdded("v-6", "zhou", "alice", nickname: "周杰", at: now.AddDays(-2)));
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width);
        await console.SignInAsync(tenant, "alice");
        if (english) await console.Page.GetByTestId("language").ClickAsync();
        await console.Page.GotoAsync("/customers");

        var wang = console.Page.Locator("[data-testid=customer-row][data-customer-id=wang]");
        // 3,200 paid and 200 refunded in CNY, 35.50 in USD; last order 40 days ago, 3 orders, 3,000 in its own currency.
        await Expect(wang.GetByTestId("row-rfm")).ToHaveTextAsync("R 4 · F 3 · M 4");
        await Expect(wang.GetByTestId("row-value")).ToHaveTextAsync(english ? ["CN¥3,000.00", "$35.50"] : ["¥3,000.00", "US$35.50"]);
        var zhou = console.Page.Locator("[data-testid=customer-row][data-customer-id=zhou]");
        await Expect(zhou.GetByTestId("row-rfm")).ToHaveTextAsync(english ? "No orders" : "未下单");
        await Expect(zhou.GetByTestId("row-value")).ToHaveCountAsync(0);
        await console.ScreenshotAsync($"customer-list-values-{(english ? "en" : "zh-CN")}-{width}");

        // Beside the name when wide; under it in the sidebar.
        var name = (await wang.Locator(".row__name").BoundingBoxAsync())!;
        var values = (await wang.GetByTestId("row-values").BoundingBoxAsync())!;
        if (width >= 600) Assert.True(values.Y < name.Y + name.Height, $"values at y {values.Y}, the name ends at {name.Y + name.Height}");
        else Assert.True(values.Y >= name.Y + name.Height, $"values at y {values.Y}, the name ends at {name.Y + name.Height}");
        Assert.Equal(0, await console.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
    }
}
