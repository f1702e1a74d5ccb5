using Microsoft.Playwright;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The console's frame in a real browser, at the WeCom sidebar's width and a desktop's: the top navigation is one row
/// of whole labels (scrolling sideways when it does not fit) as wide as the page, the playbook's tabs too, and the
/// console has an icon.
/// </summary>
public sealed class NavigationPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        return api;
    }

    /// <summary>Each element's height, and the height of one line of its text.</summary>
    private static Task<double[][]> HeightsAsync(IPage page, string selector) =>
        page.Locator(selector).EvaluateAllAsync<double[][]>(
            "els => els.map(e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.6])");

    [Theory]
    [InlineData("root", 9, 390)]
    [InlineData("root", 9, 1280)]
    [InlineData("mia", 7, 390)]
    [InlineData("mia", 7, 1280)]
    [InlineData("alice", 3, 390)]
    [InlineData("alice", 3, 1280)]
    public async Task The_navigation_is_one_row_of_whole_labels_as_wide_as_the_page(string staffId, int links, int width)
    {
        var tenant = $"nav-{staffId}-{width}";
        using var api = await TenantAsync(tenant);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, staffId);
        var nav = page.GetByTestId("nav");
        await Expect(nav.Locator("a")).ToHaveCountAsync(links);

        // Every label on one line (a label broken inside a word is two or more lines tall), all on one row.
        foreach (var link in await HeightsAsync(page, "[data-testid=nav] a"))
            Assert.True(link[0] < 2 * link[1], $"a nav label is {link[0]} px tall (one line: {link[1]} px)");
        var tops = await nav.Locator("a").EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().top)");
        Assert.Single(tops.Distinct());
        var box = (await nav.BoundingBoxAsync())!;
        Assert.True(box.Height < 50, $"the nav is {box.Height} px tall");
        Assert.Equal(width, box.Width, 1.0);

        // The last tab is in view when its page is opened directly (scrolled to it at narrow widths).
        await page.GotoAsync((await nav.Locator("a").Last.GetAttributeAsync("href"))!);
        await Expect(nav.Locator("a.router-link-active")).ToBeInViewportAsync(new() { Ratio = 1 });
        await console.ScreenshotAsync($"nav-{staffId}-{width}");
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_playbook_tabs_keep_their_labels_whole(int width)
    {
        var tenant = $"nav-tabs-{width}";
        using var api = await TenantAsync(tenant);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, "root");
        await page.GetByTestId("nav-playbook").ClickAsync();
        await Expect(page.Locator(".n-tabs-tab")).ToHaveCountAsync(7);
        foreach (var tab in await HeightsAsync(page, ".n-tabs-tab"))
            Assert.True(tab[0] < 2 * tab[1], $"a playbook tab is {tab[0]} px tall (one line: {tab[1]} px)");
        // The last tab scrolls into reach and opens.
        await page.Locator(".n-tabs-tab[data-name=history]").ClickAsync();
        await Expect(page.Locator(".n-tabs-tab[data-name=history]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("n-tabs-tab--active"));
    }

    [Theory]
    [InlineData(false, 1280)]
    [InlineData(true, 360)]
    public async Task Every_managers_page_links_back_to_the_queue_in_the_same_words(bool english, int width)
    {
        var tenant = $"nav-back-{(english ? "en" : "zh")}";
        using var api = await TenantAsync(tenant);
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync(tenant, "mia");
        if (english) await page.GetByTestId("language").ClickAsync();
        var wording = english ? "‹ Back to to-do" : "‹ 返回待办";
        foreach (var path in new[] { "/campaigns", "/segments", "/tags", "/pool", "/team" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId("to-queue")).ToHaveTextAsync(wording);
        }
        await page.GetByTestId("to-queue").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/queue$"));
    }

    [Fact]
    public async Task The_console_has_an_icon()
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        using var ico = await http.GetAsync("/favicon.ico");
        Assert.Equal(System.Net.HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
        using var svg = await http.GetAsync("/favicon.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }
}
