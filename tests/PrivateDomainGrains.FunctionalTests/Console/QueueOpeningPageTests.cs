using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// A staff member who opens a nudge's customer is counted as having opened the nudge, whichever way they got there (the
/// queue, the customer list, a search, a segment's members): the managers' execution report ("was it seen") shows it,
/// once however often the customer is opened again.
/// </summary>
public sealed class QueueOpeningPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Opening_a_nudges_customer_from_the_queue_counts_the_nudge_opened_once_in_the_execution_report()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("qo-open", "alice", "bob");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("qo-open", "alice");
        await api.PostEventsAsync(Events.FriendAdded("qo-1", "tang", "alice", nickname: "唐"));
        await Expect(console.Nudge("tang", "welcome")).ToBeVisibleAsync();
        Assert.Equal(0L, (await ExecutionTotalAsync(api)).Opened);

        var link = console.Page.Locator("[data-testid=customer][data-customer-id='tang']").GetByTestId("customer-link");
        await link.ClickAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("唐");
        await WaitForOpenedAsync(api, 1);

        await console.Page.GoBackAsync();
        await console.ExpectConnectedAsync();
        await link.ClickAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("唐");
        var total = await ExecutionTotalAsync(api);
        Assert.Equal((1L, 1L, 1L), (total.Raised, total.Delivered, total.Opened));
    }

    [Fact]
    public async Task Opening_a_nudges_customer_from_the_customer_list_a_search_or_a_segments_members_counts_it_opened()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("qo-paths", "alice");
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        await api.PostEventsAsync(
            Events.FriendAdded("qp-1", "tang", "alice", nickname: "唐"),
            Events.FriendAdded("qp-2", "song", "alice", nickname: "宋"),
            Events.FriendAdded("qp-3", "ming", "mia", nickname: "明"));

        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync("qo-paths", "alice");
        await Expect(console.Nudges).ToHaveCountAsync(2);
        Assert.Equal(0L, (await ExecutionTotalAsync(api)).Opened);

        // The customer list.
        await console.Page.GetByTestId("nav-customers").ClickAsync();
        await console.Page.Locator("[data-testid=customer-row][data-customer-id=tang]").ClickAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("唐");
        await WaitForOpenedAsync(api, 1);

        // A search.
        await console.Page.GetByTestId("back").ClickAsync();
        await console.Page.GetByTestId("customer-search").Locator("input").FillAsync("song");
        await Expect(console.Page.GetByTestId("customer-row")).ToHaveCountAsync(1);
        await console.Page.Locator("[data-testid=customer-row][data-customer-id=song]").ClickAsync();
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("宋");
        await WaitForOpenedAsync(api, 2);

        // A segment's members, by a manager for a customer of their own.
        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress);
        await manager.SignInAsync("qo-paths", "mia");
        await Expect(manager.Nudge("ming", "welcome")).ToBeVisibleAsync();
        await manager.Page.GetByTestId("nav-segments").ClickAsync();
        await manager.Page.Locator("[data-testid=member][data-customer-id=ming] a").ClickAsync();
        await Expect(manager.Page.GetByTestId("customer-name")).ToHaveTextAsync("明");
        await WaitForOpenedAsync(api, 3);

        var total = await ExecutionTotalAsync(api);
        Assert.Equal((3L, 3L, 3L), (total.Raised, total.Delivered, total.Opened));
    }

    private static async Task<ExecutionGroup> ExecutionTotalAsync(PlatformClient api)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return (await api.Api.Reports.GetExecutionAsync(today.AddDays(-1), today.AddDays(1))).Total;
    }

    private static async Task WaitForOpenedAsync(PlatformClient api, long opened)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await ExecutionTotalAsync(api)).Opened != opened)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The execution report never counted {opened} opened");
            await Task.Delay(200);
        }
    }
}
