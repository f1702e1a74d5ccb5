using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The operator view (<c>/operator</c>) in a real browser at a WeCom sidebar's width: a wrong key is refused and kept
/// nowhere, the operator key shows this node's figures and the cluster, kept in the tab's sessionStorage only, and the
/// figures follow events posted meanwhile (polled every 2 s).
/// </summary>
public sealed class OperatorViewPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private const string KeyStorage = "sessionStorage.getItem('pdg.operator.key')";

    [Fact]
    public async Task A_wrong_key_is_refused_the_operator_key_shows_this_nodes_figures_and_they_move_when_events_arrive()
    {
        var api = platform.Client;
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 360, height: 900);
        var page = console.Page;
        await page.GotoAsync("/operator");

        await page.Locator("input[name=operatorKey]").FillAsync("not-the-operator-key-0000");
        await page.GetByTestId("operator-sign-in").ClickAsync();
        await Expect(page.GetByTestId("operator-refused")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("operator-figures")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>(KeyStorage));

        await page.Locator("input[name=operatorKey]").FillAsync(NodeSettings.OperatorKey);
        await page.GetByTestId("operator-sign-in").ClickAsync();
        var stats = await api.Api.System.GetStatsAsync();
        await Expect(page.GetByTestId("operator-figures")).ToHaveAttributeAsync("data-node", stats.Node);
        await Expect(page.Locator($"[data-testid=cluster-node][data-node='{stats.Node}']")).ToHaveAttributeAsync("data-status", "Active");
        await Expect(page.GetByTestId("tile-thread-pool-threads")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tile-gc-pause-max")).ToBeVisibleAsync();
        Assert.Equal(NodeSettings.OperatorKey, await page.EvaluateAsync<string?>(KeyStorage));
        Assert.DoesNotContain(NodeSettings.OperatorKey, page.Url);
        Assert.DoesNotContain(NodeSettings.OperatorKey, await page.EvaluateAsync<string>("JSON.stringify(localStorage)"));

        var accepted = page.GetByTestId("tile-events-accepted-total");
        var before = long.Parse((await accepted.GetAttributeAsync("data-value"))!);
        await api.PostEventsAsync(Events.FriendAdded("ops-1", "ops-qian", "alice"), Events.FriendAdded("ops-2", "ops-zhao", "bob"),
            Events.FriendAdded("ops-3", "ops-sun", "alice"));
        // The next poll (2 s) shows them, with no reload.
        await Expect(accepted).ToHaveAttributeAsync("data-value", (before + 3).ToString(), new() { Timeout = 10_000 });
        await Expect(page.Locator("[data-testid=throughput-chart] canvas")).ToHaveCountAsync(1);
        await console.ScreenshotAsync("operator-view-sidebar");

        // A reload of the tab keeps the key (sessionStorage); signing out forgets it.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("operator-figures")).ToHaveAttributeAsync("data-node", stats.Node);
        await page.GetByTestId("operator-sign-out").ClickAsync();
        await Expect(page.GetByTestId("operator-sign-in-form")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>(KeyStorage));
    }
}
