using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>The customer page's merges and their undo (issue 14) in a real browser against a real node.</summary>
public sealed class CustomerMergeUndoPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_admin_undoes_a_merge_from_the_survivors_page_and_is_told_why_when_the_survivor_changed_since()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("mu-page", "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.PostEventsAsync(Events.FriendAdded("mu-1", "zhou", "alice", nickname: "周小满", at: DateTimeOffset.UtcNow.AddMinutes(-30)));
        await api.PostEventsAsync(Events.OrderPaid("mu-2", "zhou-shop", "T-88", 299m, at: DateTimeOffset.UtcNow.AddMinutes(-20)));
        var first = await api.Api.Customers.MergeAsync("zhou", "zhou-shop");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("mu-page", "root");
        await console.Page.GotoAsync("/customers/zhou");

        var item = console.Page.GetByTestId("merge-item");
        await Expect(item).ToContainTextAsync("zhou-shop");
        await item.GetByTestId("merge-undo").ClickAsync();

        await Expect(item).ToHaveAttributeAsync("data-undone", "true");
        await Expect(item.GetByTestId("merge-undo")).ToHaveCountAsync(0);
        await Expect(console.Page.GetByTestId("timeline").Locator("[data-kind=event][data-what='order.paid']")).ToHaveCountAsync(0);
        Assert.Equal((1, "zhou-shop"), ((await api.Api.Customers.GetAsync("zhou-shop"))!.Counters.Orders, (await api.Api.Customers.GetAsync("zhou-shop"))!.CustomerId));
        Assert.NotNull((await api.Api.Customers.ListMergesAsync("zhou")).Items.Single(m => m.MergeId == first.Merge.MergeId).UndoneAt);

        // Merged again, then the survivor changes: the undo is refused and the page says why.
        var second = await api.Api.Customers.MergeAsync("zhou", "zhou-shop");
        await api.PostEventsAsync(Events.MessageReceived("mu-3", "zhou", "还有货吗"));
        await console.Page.ReloadAsync();
        var again = console.Page.Locator($"[data-testid=merge-item][data-merge-id='{second.Merge.MergeId}']");
        await again.GetByTestId("merge-undo").ClickAsync();

        await Expect(console.Page.GetByTestId("merge-undo-refused")).ToBeVisibleAsync();
        await console.ScreenshotAsync("customer-merge-undo-refused-zh-CN");
        Assert.Equal("zhou", (await api.Api.Customers.GetAsync("zhou-shop"))!.CustomerId);
        Assert.Null((await api.Api.Customers.ListMergesAsync("zhou")).Items.Single(m => m.MergeId == second.Merge.MergeId).UndoneAt);
    }
}
