using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The playbook editor in a real browser at the WeCom sidebar's width: an admin edits a rule, sees the server's
/// validation error at the field, fixes it, dry-runs it against a customer, saves and rolls back; a staff member has
/// no way in.
/// </summary>
public sealed class PlaybookEditorPageTests(SingleNodePlatform platform, Chromium chromium) : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private const string Playbook = """
        { "timeZone": "Asia/Shanghai",
          "keywords": [ { "keyword": "price", "tag": "price-sensitive" } ],
          "rules": [ { "id": "price-answer", "trigger": { "kind": "event", "event": "message.received" },
            "conditions": [ { "kind": "tags", "none": ["blocked"] } ],
            "actions": [ { "kind": "nudge", "nudgeKind": "reply", "title": "Price question from {name}", "script": "Send the price list", "proactive": false } ] } ] }
        """;

    private const string Title = "[data-path='$.rules[0].actions[0].title']";

    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.Api.Playbook.PutAsync(Playbook);
        await api.PostEventsAsync(Events.FriendAdded("pe-1", "mei", "alice", nickname: "Mei"));
        return api;
    }

    /// <summary>The JSON pane beside the forms.</summary>
    private static ILocator Json(IPage page) => page.GetByTestId("pb-json").Locator("textarea");

    private static string Unnumbered(System.Text.Json.JsonElement playbook)
    {
        var node = JsonNode.Parse(playbook.GetRawText())!.AsObject();
        node.Remove("version");
        return node.ToJsonString();
    }

    [Fact]
    public async Task An_admin_edits_a_rule_sees_the_error_at_its_field_fixes_it_dry_runs_saves_and_rolls_back()
    {
        using var api = await TenantAsync("editor");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        var page = console.Page;
        await console.SignInAsync("editor", "root");

        await page.GetByTestId("nav-playbook").ClickAsync();
        await Expect(page.GetByTestId("pb-version-current-number")).ToHaveAttributeAsync("data-version", "1");
        var title = page.Locator(Title);

        // A nudge without a title: the server refuses it, and says so under the title field.
        await title.Locator("input").FillAsync("");
        await Expect(Json(page)).Not.ToHaveValueAsync(new Regex("Price question"));
        await page.GetByTestId("pb-save").ClickAsync();
        await Expect(title).ToHaveAttributeAsync("data-invalid", "true");
        await Expect(title).ToContainTextAsync("提醒需要标题");
        await Expect(page.GetByTestId("pb-summary")).ToBeVisibleAsync();
        await console.ScreenshotAsync("playbook-error-390");
        Assert.Equal(1, (await api.Api.Playbook.GetAsync()).Version);

        // Fixed in the form, the JSON beside it follows.
        await title.Locator("input").FillAsync("Price list for {name}");
        await Expect(Json(page)).ToHaveValueAsync(new Regex("Price list for \\{name\\}"));

        // The draft, dry-run against Mei on a message: the rule would raise its nudge and tag her; nothing changes.
        var before = System.Text.Json.JsonSerializer.Serialize(await api.Api.Customers.GetAsync("mei"));
        await page.Locator(".n-tabs-tab[data-name=dry-run]").ClickAsync();
        await page.GetByTestId("pb-dry-run-customer").Locator("input").FillAsync("mei");
        await page.GetByTestId("pb-dry-run-text").Locator("input").FillAsync("what is the price?");
        await page.GetByTestId("pb-dry-run-go").ClickAsync();
        var candidate = page.Locator("[data-testid=pb-candidate][data-rule=price-answer]");
        await Expect(candidate).ToHaveAttributeAsync("data-verdict", "Raised");
        await Expect(candidate).ToContainTextAsync("Price list for Mei");
        await Expect(page.GetByTestId("pb-dry-run-tags")).ToContainTextAsync("price-sensitive");
        await Expect(title).ToHaveAttributeAsync("data-invalid", "false");
        await Expect(page.GetByTestId("pb-summary")).ToHaveCountAsync(0);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(await api.Api.Customers.GetAsync("mei")));
        await console.ScreenshotAsync("playbook-dry-run-390");

        await page.GetByTestId("pb-save").ClickAsync();
        await Expect(page.GetByTestId("pb-version-current-number")).ToHaveAttributeAsync("data-version", "2");
        Assert.Equal("Price list for {name}", (await api.Api.Playbook.GetAsync()).Playbook.GetProperty("rules")[0].GetProperty("actions")[0].GetProperty("title").GetString());

        // Back to version 1: stored again as version 3, and the editor shows it.
        await page.Locator(".n-tabs-tab[data-name=history]").ClickAsync();
        await page.Locator("[data-testid=pb-version][data-version='1']").GetByTestId("pb-rollback").ClickAsync();
        await console.ConfirmAsync("回滚");
        await Expect(page.GetByTestId("pb-version-current-number")).ToHaveAttributeAsync("data-version", "3");
        await Expect(Json(page)).ToHaveValueAsync(new Regex("Price question from \\{name\\}"));
        await Expect(page.Locator("[data-testid=pb-version][data-version='3']").GetByTestId("pb-version-current")).ToBeVisibleAsync();

        var history = await api.Api.Playbook.ListVersionsAsync();
        Assert.Equal([(3, (int?)1, "staff:root"), (2, null, "staff:root"), (1, null, "admin-key")],
            history.Versions.Select(v => (v.Version, v.RestoredFrom, v.StoredBy)));
        Assert.Equal(Unnumbered((await api.Api.Playbook.GetVersionAsync(1))!.Playbook), Unnumbered((await api.Api.Playbook.GetAsync()).Playbook));
        await console.ScreenshotAsync("playbook-history-390");
    }

    [Theory]
    [InlineData(1280, false)]
    [InlineData(390, true)]
    public async Task A_customer_picked_from_the_dry_run_suggestions_is_sent_by_id_while_the_box_shows_their_name(int width, bool byKeyboard)
    {
        using var api = await TenantAsync($"pick-{width}");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: width, height: 844);
        var page = console.Page;
        await console.SignInAsync($"pick-{width}", "root");
        await page.GetByTestId("nav-playbook").ClickAsync();
        await page.Locator(".n-tabs-tab[data-name=dry-run]").ClickAsync();

        var box = page.GetByTestId("pb-dry-run-customer").Locator("input");
        await box.FillAsync("Me");
        var suggestion = page.Locator(".n-auto-complete-menu .n-base-select-option", new() { HasText = "Mei · mei" });
        await Expect(suggestion).ToBeVisibleAsync();
        if (byKeyboard) await box.PressAsync("Enter");
        else await suggestion.ClickAsync();
        await Expect(box).ToHaveValueAsync("Mei · mei");

        await page.GetByTestId("pb-dry-run-text").Locator("input").FillAsync("what is the price?");
        await page.GetByTestId("pb-dry-run-go").ClickAsync();
        await Expect(page.Locator("[data-testid=pb-candidate][data-rule=price-answer]")).ToContainTextAsync("Price question from Mei");
        await Expect(page.GetByTestId("pb-dry-run-problem")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_staff_member_has_no_playbook_link_and_the_page_turns_them_away()
    {
        using var api = await TenantAsync("editor-staff");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        await console.SignInAsync("editor-staff", "alice");
        await Expect(console.Page.GetByTestId("nav-customers")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("nav-playbook")).ToHaveCountAsync(0);

        await console.Page.GotoAsync("/playbook");

        await Expect(console.Page.GetByTestId("playbook-denied")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("pb-save")).ToHaveCountAsync(0);
    }
}
