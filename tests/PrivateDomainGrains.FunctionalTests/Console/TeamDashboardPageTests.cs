using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The team dashboard in a real browser: a manager reaches it from the queue, sees their team's figures per staff
/// member and per rule, a chart per day, follows a staff member's Done live from another browser (pushed over the
/// hub), drills down into a
/// staff member and exports CSV; a staff member sees their own figures there, at a desktop's width and the sidebar's.
/// </summary>
public sealed class TeamDashboardPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TeamAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        await api.Api.Playbook.PutAsync(ConsolePlaybooks.WithScripts);
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        return api;
    }

    [Fact]
    public async Task A_manager_sees_the_team_dashboard_update_live_drills_down_and_exports_csv()
    {
        using var api = await TeamAsync("dash");
        await api.PostEventsAsync(Events.FriendAdded("dash-1", "qian", "alice", nickname: "Qian"), Events.FriendAdded("dash-2", "zhao", "bob"));

        await using var manager = await chromium.OpenAsync(platform.Node.BaseAddress);
        await manager.SignInAsync("dash", "mia");
        await manager.Page.GetByTestId("team-dashboard-link").ClickAsync();
        await Expect(manager.Page.GetByTestId("team-dashboard")).ToBeVisibleAsync();
        // Only the team: alice, not bob (another team's staff member).
        var alice = manager.Page.Locator("[data-testid=staff-row][data-staff-id=alice]");
        await Expect(alice).ToBeVisibleAsync();
        await Expect(manager.Page.Locator("[data-testid=staff-row][data-staff-id=bob]")).ToHaveCountAsync(0);
        await Expect(manager.Page.GetByTestId("tile-raised").GetByTestId("tile-value")).ToHaveTextAsync("1");
        await Expect(manager.Page.GetByTestId("tile-done").GetByTestId("tile-value")).ToHaveTextAsync("0%");
        await Expect(manager.Page.GetByTestId("tile-reached").GetByTestId("tile-value")).ToHaveTextAsync("0");
        await Expect(manager.Page.Locator("[data-testid=per-day-chart] canvas")).ToHaveCountAsync(1);
        await Expect(manager.Page.Locator("[data-testid=rule-row][data-rule=welcome]")).ToBeVisibleAsync();

        // alice clicks Done in her own browser: the manager's dashboard follows without a reload, within a few seconds:
        // the hub's executionChanged (the page's own refresh is every 30 s, longer than this waits).
        await Expect(manager.Page.GetByTestId("team-dashboard")).ToHaveAttributeAsync("data-live", "watching");
        await manager.Page.EvaluateAsync("window.__sameDocument = true");
        await using (var staff = await chromium.OpenAsync(platform.Node.BaseAddress))
        {
            await staff.SignInAsync("dash", "alice");
            await staff.Nudge("qian", "welcome").GetByTestId("done").ClickAsync();
            await Expect(staff.Nudge("qian", "welcome")).ToHaveCountAsync(0);
        }
        await Expect(manager.Page.GetByTestId("tile-done").GetByTestId("tile-value")).ToHaveTextAsync("100%", new() { Timeout = 5_000 });
        await Expect(manager.Page.GetByTestId("tile-reached").GetByTestId("tile-value")).ToHaveTextAsync("1", new() { Timeout = 5_000 });
        Assert.True(await manager.Page.EvaluateAsync<bool>("window.__sameDocument === true"), "the dashboard reloaded");

        await alice.ClickAsync();
        await Expect(manager.Page.Locator("[data-testid=overdue][data-staff-id=alice]")).ToBeVisibleAsync();

        var download = await manager.Page.RunAndWaitForDownloadAsync(() => manager.Page.GetByTestId("export-staff").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("staff,raised,shown,done,", lines[0]);
        Assert.Contains(",customersReached,", lines[0]);
        var alicesLine = Assert.Single(lines.Skip(1));
        Assert.StartsWith("alice,1,1,1,", alicesLine);
        // customersReached: qian, whose welcome alice did.
        Assert.Equal("1", alicesLine.Split(',')[Array.IndexOf(lines[0].Split(','), "customersReached")]);
        await manager.ScreenshotAsync("team-dashboard");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task A_staff_member_sees_their_own_execution_and_nobody_elses(int width)
    {
        var tenant = $"mydash-{width}";
        using var api = await TeamAsync(tenant);
        await api.PostEventsAsync(
            Events.FriendAdded("my-1", "qian", "alice", nickname: "Qian"),
            Events.FriendAdded("my-2", "sun", "alice", nickname: "Sun"),
            Events.FriendAdded("my-3", "zhao", "bob", nickname: "Zhao"));

        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        await console.SignInAsync(tenant, "alice");
        await console.Nudge("qian", "welcome").GetByTestId("done").ClickAsync();
        await Expect(console.Nudge("qian", "welcome")).ToHaveCountAsync(0);
        await Expect(console.Page.GetByTestId("team-dashboard-link")).ToHaveCountAsync(0);
        await Expect(console.Page.GetByTestId("nav-team")).ToHaveCountAsync(0);

        await console.Page.GetByTestId("nav-mine").ClickAsync();
        await Expect(console.Page.Locator("[data-testid=team-dashboard] main")).ToHaveAttributeAsync("data-scope", "self");
        await Expect(console.Page.GetByTestId("team-dashboard")).ToContainTextAsync("我的执行");
        // Her two nudges, one done; bob's is not hers.
        await Expect(console.Page.GetByTestId("tile-raised").GetByTestId("tile-value")).ToHaveTextAsync("2");
        await Expect(console.Page.GetByTestId("tile-done").GetByTestId("tile-value")).ToHaveTextAsync("50%");
        await Expect(console.Page.GetByTestId("tile-open").GetByTestId("tile-value")).ToHaveTextAsync("1");
        await Expect(console.Page.GetByTestId("tile-reached").GetByTestId("tile-value")).ToHaveTextAsync("1");
        await Expect(console.Page.Locator("[data-testid=rule-row][data-rule=welcome]")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("my-overdue")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("staff-row")).ToHaveCountAsync(0);

        // Usable at the sidebar's width: nothing wider than the page but the tables, which scroll inside themselves.
        var overflow = await console.Page.EvaluateAsync<double>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the window");
        await console.ScreenshotAsync($"my-execution-{width}");
    }
}
