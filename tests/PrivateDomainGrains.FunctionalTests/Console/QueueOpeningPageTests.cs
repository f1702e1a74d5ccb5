using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// A staff member who opens a nudge's customer from the queue is counted as having opened the nudge: the managers'
/// execution report ("was it seen") shows it, once however often the customer is opened again.
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
