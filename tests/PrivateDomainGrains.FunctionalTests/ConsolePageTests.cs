using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>The staff console page (wwwroot) in a real browser: Chromium from the system, driven by Playwright.</summary>
public sealed class ConsolePageTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task A_signed_in_staff_member_sees_nudges_arrive_live_and_done_closes_one_for_good()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "alice");

        await platform.Client.PostEventsAsync(Events.FriendAdded("page-1", "qian", "alice", nickname: "Qian"));
        var welcome = page.Locator("li.nudge.welcome");
        await Assertions.Expect(welcome).ToHaveCountAsync(1);
        await Assertions.Expect(welcome.Locator(".kind")).ToContainTextAsync("qian");
        await Assertions.Expect(welcome.Locator(".reason")).ToContainTextAsync("Why:");

        await welcome.Locator("button.done").ClickAsync();
        await Assertions.Expect(welcome).ToHaveCountAsync(0);
        // Done reached the server when the tenant's model has learned from it (Ack closes the nudge first).
        await WaitUntilAsync(async () => await SuccessesAsync() >= 1);

        await platform.Client.PostEventsAsync(Events.MessageReceived("page-2", "qian", "is the oily-skin foundation in stock?"));
        await page.ReloadAsync();
        await SignInAsync(page, "alice");
        // The reply is replayed from the inbox on connect; the welcome, done, is not.
        await Assertions.Expect(page.Locator("li.nudge.reply")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("li.nudge.welcome")).ToHaveCountAsync(0);
    }

    private async Task SignInAsync(IPage page, string staffId)
    {
        await page.GotoAsync(platform.Node.BaseAddress.ToString());
        await page.FillAsync("input[name=tenant]", platform.Client.Tenant);
        await page.FillAsync("input[name=staffId]", staffId);
        await page.FillAsync("input[name=password]", PlatformClient.StaffPassword);
        await page.ClickAsync("form#signin button");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync($"live as {staffId} @ {platform.Client.Tenant}");
    }

    private async Task<double> SuccessesAsync()
    {
        var response = await platform.Client.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{platform.Client.Tenant}/learning", null, platform.Client.ApiKey);
        var view = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return view["arms"]!.AsArray().Sum(a => (double)a!["successes"]!);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s");
            await Task.Delay(200);
        }
    }
}
