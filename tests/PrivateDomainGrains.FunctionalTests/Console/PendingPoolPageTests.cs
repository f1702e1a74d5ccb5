using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>The pending pool page (issue 14) in a real browser against a real node: for managers and admins.</summary>
public sealed class PendingPoolPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_order_naming_an_unknown_phone_waits_in_the_pool_until_an_admin_attaches_it_and_then_reaches_the_customers_timeline()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("pool-page", "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.PostEventsAsync(Events.FriendAdded("pp-1", "wu", "alice", nickname: "吴桐", at: DateTimeOffset.UtcNow.AddMinutes(-30)));
        var order = new PostedEvent("pp-order", null, "order.paid", DateTimeOffset.UtcNow.AddMinutes(-5), Channel: "shop",
            Identities: new Dictionary<string, string> { ["phone"] = "+86 137 0013 7001" },
            Data: new Dictionary<string, string> { ["orderId"] = "PP-1", ["amount"] = "128", ["currency"] = "CNY" });
        Assert.Single((await api.PostEventsAsync(order)).Pooled);
        await using (var staff = await chromium.OpenAsync(platform.Node.BaseAddress))
        {
            await staff.SignInAsync("pool-page", "alice");
            await Expect(staff.Page.GetByTestId("nav-pool")).ToHaveCountAsync(0);
            await staff.Page.GotoAsync("/pool");
            await Expect(staff.Page.GetByTestId("pool-forbidden")).ToBeVisibleAsync();
        }
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("pool-page", "root");
        await console.Page.GetByTestId("nav-pool").ClickAsync();

        var item = console.Page.Locator("[data-testid=pool-event][data-event-id='pp-order']");
        await Expect(item.GetByTestId("pool-identities")).ToContainTextAsync("+8613700137001");
        await Expect(item.GetByTestId("pool-payload")).ToContainTextAsync("PP-1");
        await console.ScreenshotAsync("pending-pool-zh-CN");
        await item.GetByTestId("pool-customer").Locator("input").FillAsync("wu");
        await item.GetByTestId("pool-attach").ClickAsync();

        await Expect(item).ToHaveCountAsync(0);
        var pending = (await api.Api.Identities.GetPendingAsync("pp-order"))!;
        Assert.Equal(("attached", "wu", "staff:root"), (pending.State, pending.CustomerId, pending.SettledBy));
        await console.Page.GotoAsync("/customers/wu");
        await Expect(console.Page.GetByTestId("timeline").Locator("[data-kind=event][data-what='order.paid']")).ToHaveCountAsync(1);
        Assert.Equal(1, (await api.Api.Customers.GetAsync("wu"))!.Counters.Orders);
    }

    [Fact]
    public async Task A_customer_id_pasted_over_128_characters_shows_whole_counted_and_refused_and_the_event_stays_pending()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("pool-long", "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        var order = new PostedEvent("pl-order", null, "order.paid", DateTimeOffset.UtcNow.AddMinutes(-5), Channel: "shop",
            Identities: new Dictionary<string, string> { ["phone"] = "+86 137 0013 7002" },
            Data: new Dictionary<string, string> { ["orderId"] = "PL-1", ["amount"] = "9", ["currency"] = "CNY" });
        Assert.Single((await api.PostEventsAsync(order)).Pooled);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("pool-long", "root");
        await console.Page.GetByTestId("nav-pool").ClickAsync();
        var item = console.Page.Locator("[data-testid=pool-event][data-event-id='pl-order']");
        var box = item.GetByTestId("pool-customer");

        // A native maxlength kept the first 128 and dropped the rest silently: the attach would have gone to another id.
        var pasted = new string('w', 130);
        await box.Locator("input").FillAsync(pasted);
        await Expect(box.Locator("input")).ToHaveValueAsync(pasted);
        await Expect(box).ToContainTextAsync("130 / 128");
        await Expect(item.GetByTestId("too-long")).ToBeVisibleAsync();
        await Expect(item.GetByTestId("pool-attach")).ToBeDisabledAsync();
        await box.Locator("input").PressAsync("Enter");
        await Expect(item).ToBeVisibleAsync();
        Assert.Equal("pending", (await api.Api.Identities.GetPendingAsync("pl-order"))!.State);

        await box.Locator("input").FillAsync(new string('w', 128));
        await Expect(item.GetByTestId("too-long")).ToHaveCountAsync(0);
        await Expect(item.GetByTestId("pool-attach")).ToBeEnabledAsync();
    }
}
