using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The customer page tells the truth about its actions: a refused one says which action failed and why (not that the
/// page could not load), a value over a box's limit shows whole, counted and refused at the field, and a save that
/// changes nothing is not called saved.
/// </summary>
public sealed class CustomerDetailPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    /// <summary>
    /// A tenant whose customer <paramref name="customerId"/> (named 周) is alice's, and alice's console on that
    /// customer's page, loaded.
    /// </summary>
    private async Task<CustomerOpened> OpenCustomerAsync(string tenant, string customerId)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        await api.PostEventsAsync(Events.FriendAdded(customerId + "-add", customerId, "alice", nickname: "周"));
        var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        await console.SignInAsync(tenant, "alice");
        await console.Page.GotoAsync($"/customers/{customerId}");
        await Expect(console.Page.GetByTestId("customer-name")).ToHaveTextAsync("周");
        return new CustomerOpened(api, console);
    }

    /// <summary>The tenant's client and the console on the customer's page; disposing closes both.</summary>
    private sealed record CustomerOpened(PlatformClient Api, ConsolePage Console) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Console.DisposeAsync();
            Api.Dispose();
        }
    }

    [Fact]
    public async Task A_refused_tag_add_and_remark_save_each_say_what_failed_with_the_servers_reason_not_a_load_failure_and_store_nothing()
    {
        await using var opened = await OpenCustomerAsync("cd-refused", "zhou");
        var (api, console) = opened;
        var toast = console.Page.Locator(".n-message");

        // Pasted from a chat with a zero-width space in it: the server refuses the tag (400), the console does not know why.
        await console.Page.GetByTestId("new-tag").Locator("input").FillAsync("vip\u200B");
        await console.Page.GetByTestId("add-tag").ClickAsync();
        await Expect(toast.Last).ToContainTextAsync("添加标签失败：");
        await Expect(toast.Last).Not.ToContainTextAsync("加载失败");

        await console.Page.GetByTestId("remark-edit").ClickAsync();
        // A NUL the server cannot store (400 naming 'remark').
        await console.Page.GetByTestId("remark-input").Locator("textarea").FillAsync("周末\0联系");
        await console.Page.GetByTestId("remark-save").ClickAsync();
        await Expect(toast.Last).ToContainTextAsync("备注保存失败：");
        await Expect(toast.Last).ToContainTextAsync("remark");
        await Expect(console.Page.GetByTestId("remark-input").Locator("textarea")).ToHaveValueAsync("周末\0联系");

        var stored = (await api.Api.Customers.GetAsync("zhou"))!;
        Assert.DoesNotContain(stored.Tags, t => t.StartsWith("vip", StringComparison.Ordinal));
        Assert.False(stored.Fields.ContainsKey("remark"));
    }

    [Fact]
    public async Task A_remark_pasted_over_200_characters_shows_whole_counted_and_refused_and_an_unchanged_one_is_not_called_saved()
    {
        await using var opened = await OpenCustomerAsync("cd-long", "qin");
        var (api, console) = opened;
        var box = console.Page.GetByTestId("remark-input");
        var save = console.Page.GetByTestId("remark-save");

        await console.Page.GetByTestId("remark-edit").ClickAsync();
        await box.Locator("textarea").FillAsync(new string('备', 210));

        await Expect(box.Locator("textarea")).ToHaveValueAsync(new string('备', 210));
        await Expect(box).ToContainTextAsync("210 / 200");
        await Expect(console.Page.GetByTestId("remark").GetByTestId("too-long")).ToHaveTextAsync("最多 200 个字，请删减后再保存");
        await Expect(save).ToBeDisabledAsync();
        Assert.False((await api.Api.Customers.GetAsync("qin"))!.Fields.ContainsKey("remark"));

        await box.Locator("textarea").FillAsync(new string('备', 200));
        await Expect(console.Page.GetByTestId("remark").GetByTestId("too-long")).ToHaveCountAsync(0);
        await save.ClickAsync();
        await Expect(console.Page.GetByTestId("remark-text")).ToHaveTextAsync(new string('备', 200));

        await console.Page.GetByTestId("remark-edit").ClickAsync();
        await save.ClickAsync();
        await Expect(console.Page.Locator(".n-message").Last).ToHaveTextAsync("备注没有改动");
        await Expect(console.Page.GetByTestId("timeline").Locator("[data-kind=change][data-what=field-set]")).ToHaveCountAsync(1);

        // The tag box too: a long paste shows, and Add stays off.
        await console.Page.GetByTestId("new-tag").Locator("input").FillAsync(new string('标', 70));
        await Expect(console.Page.GetByTestId("tags").GetByTestId("too-long")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("add-tag")).ToBeDisabledAsync();
    }
}
