using System.Net;
using Microsoft.Playwright;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The integrations page in a real browser at the WeCom sidebar's width, against a real host and a webhook receiver in
/// the test process: an admin makes an API key (its secret shown once) that opens POST /events until revoked, and sees
/// a failing subscription's log, its disabling, re-enables it and replays, deletes a subscription (its pending
/// notifications are not sent), picks any type the platform sends; a staff member has no way in.
/// </summary>
public sealed class IntegrationsPageTests(WebhookPlatform platform, Chromium chromium) : IClassFixture<WebhookPlatform>, IClassFixture<Chromium>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var client = await platform.TenantAsync(tenant);
        await client.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        return client;
    }

    private async Task<ConsolePage> IntegrationsAsync(string tenant, string staffId)
    {
        var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        await console.SignInAsync(tenant, staffId);
        await console.Page.GetByTestId("nav-integrations").ClickAsync();
        await Expect(console.Page.GetByTestId("int-tabs")).ToBeVisibleAsync();
        return console;
    }

    private static string OneEvent(string id) => $$"""{"events":[{"id":"{{id}}","customerId":"c-{{id}}","type":"friend.added","staffId":"alice"}]}""";

    [Fact]
    public async Task An_admin_creates_a_key_sees_its_secret_once_uses_it_for_events_and_revoking_it_makes_it_401()
    {
        using var client = await TenantAsync("int-keys");
        await using var console = await IntegrationsAsync("int-keys", "root");
        var page = console.Page;

        // Each scope reads its label, with the name the API spells small beside it.
        await Expect(page.Locator("[data-scope='events:write']")).ToContainTextAsync("写入事件");
        await Expect(page.Locator("[data-scope='admin']")).ToContainTextAsync("全部权限（管理员）");
        // The server's refusal reads in the console's language, under the field it names.
        await page.GetByTestId("int-key-create").ClickAsync();
        await Expect(page.GetByTestId("int-key-name-error")).ToHaveTextAsync("'name' 须为 1-64 个字符，不含控制字符");
        await page.GetByTestId("int-key-name").Locator("input").FillAsync("crm-sync");
        await page.GetByTestId("int-key-create").ClickAsync();
        var secret = page.GetByTestId("int-secret");
        await Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^pdg_sk_"));
        var key = (await secret.TextContentAsync())!.Trim();
        var row = page.GetByTestId("int-key").Filter(new() { HasText = "crm-sync" });
        await Expect(row).ToHaveAttributeAsync("data-state", "active");
        await Expect(row.GetByTestId("int-key-scopes-of")).ToHaveTextAsync("写入事件events:write");
        await console.ScreenshotAsync("integrations-key-once-390");

        await page.GetByTestId("int-secret-copy").ClickAsync();
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.GetByTestId("int-secret-dismiss").ClickAsync();
        await Expect(page.GetByTestId("int-secret-once")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.GetByTestId("int-secret-once")).ToHaveCountAsync(0);
        await Expect(page.GetByText(key)).ToHaveCountAsync(0);

        Assert.Equal(HttpStatusCode.OK, (await client.PostEventsRawAsync(OneEvent("k-1"), key)).StatusCode);
        await page.ReloadAsync();
        await Expect(row.GetByTestId("int-key-last-used")).Not.ToContainTextAsync("从未");

        await row.GetByTestId("int-key-revoke").ClickAsync();
        await console.ConfirmAsync("吊销");
        await Expect(row).ToHaveAttributeAsync("data-state", "revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostEventsRawAsync(OneEvent("k-2"), key)).StatusCode);
    }

    [Fact]
    public async Task A_failing_webhook_shows_its_failures_in_the_log_is_disabled_with_a_notice_and_replay_delivers_once_re_enabled()
    {
        using var client = await TenantAsync("int-hooks");
        platform.Receiver.Always("console-fail", 500);
        await using var console = await IntegrationsAsync("int-hooks", "root");
        var page = console.Page;
        await page.Locator(".n-tabs-tab[data-name=webhooks]").ClickAsync();

        await page.GetByTestId("int-webhook-url").Locator("input").FillAsync(platform.Receiver.Url("console-fail"));
        await page.GetByTestId("int-webhook-save").ClickAsync();
        await Expect(page.GetByTestId("int-secret")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        var hook = page.GetByTestId("int-webhook");
        await Expect(hook).ToHaveAttributeAsync("data-enabled", "true");
        var webhookId = (await hook.GetAttributeAsync("data-webhook-id"))!;

        await client.PostEventsAsync(Events.FriendAdded("h-1", "mei", "alice"));
        await platform.Receiver.WaitForAsync("console-fail", r => r.Count >= 1);
        await hook.GetByTestId("int-webhook-log").ClickAsync();
        var delivery = hook.GetByTestId("int-delivery").Filter(new() { HasText = "nudge.raised" });
        await Expect(delivery).ToHaveAttributeAsync("data-status", "500");

        // Failing on: the subscription is disabled, and the page says so when it is opened again.
        for (var i = 0; i < 100 && (await client.Api.Webhooks.GetAsync(webhookId))!.Enabled; i++) await Task.Delay(100);
        await page.ReloadAsync();
        await page.Locator(".n-tabs-tab[data-name=webhooks]").ClickAsync();
        await Expect(hook.GetByTestId("int-webhook-disabled")).ToBeVisibleAsync();
        await Expect(hook).ToHaveAttributeAsync("data-enabled", "false");
        await console.ScreenshotAsync("integrations-webhook-disabled-390");

        // The receiver mended: re-enabled and replayed, the notification arrives with a 200.
        platform.Receiver.Always("console-fail", 200);
        var before = platform.Receiver.At("console-fail").Count;
        await hook.GetByTestId("int-webhook-enable").ClickAsync();
        await Expect(hook).ToHaveAttributeAsync("data-enabled", "true");
        await hook.GetByTestId("int-webhook-log").ClickAsync();
        await delivery.GetByTestId("int-delivery-replay").ClickAsync();
        await platform.Receiver.WaitForAsync("console-fail", r => r.Count > before);
        // The open log follows its pending deliveries by itself: no click shows the outcome.
        await Expect(delivery).ToHaveAttributeAsync("data-state", "delivered");
        await Expect(delivery).ToHaveAttributeAsync("data-status", "200");
        await console.ScreenshotAsync("integrations-webhook-replayed-390");
    }

    [Fact]
    public async Task An_admin_deletes_a_subscription_once_confirmed_it_leaves_the_list_and_its_pending_notification_is_not_sent_again()
    {
        using var client = await TenantAsync("int-delete");
        platform.Receiver.Always("console-delete", 500);
        var issued = await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(platform.Receiver.Url("console-delete"), ["nudge.*"]));
        await using var console = await IntegrationsAsync("int-delete", "root");
        var page = console.Page;
        await page.Locator(".n-tabs-tab[data-name=webhooks]").ClickAsync();
        var hook = page.GetByTestId("int-webhook");
        await Expect(hook).ToHaveAttributeAsync("data-webhook-id", issued.Webhook.WebhookId);

        // Its nudge.raised fails and is retried (every 200 ms to 1 s here) until the subscription goes.
        await client.PostEventsAsync(Events.FriendAdded("del-1", "ning", "alice"));
        await platform.Receiver.WaitForAsync("console-delete", r => r.Count >= 1);
        await hook.GetByTestId("int-webhook-delete").ClickAsync();
        await console.ConfirmAsync("删除");

        await Expect(hook).ToHaveCountAsync(0);
        await Expect(page.GetByText("还没有 Webhook 订阅")).ToBeVisibleAsync();
        Assert.Null(await client.Api.Webhooks.GetAsync(issued.Webhook.WebhookId));
        var sent = platform.Receiver.At("console-delete").Count;
        await Task.Delay(2500); // two retries at least would have come by now
        Assert.Equal(sent, platform.Receiver.At("console-delete").Count);
    }

    [Fact]
    public async Task The_event_type_picker_offers_every_type_the_platform_sends_and_a_merge_type_picked_there_is_saved()
    {
        using var client = await TenantAsync("int-types");
        var listed = await client.Api.Webhooks.ListEventTypesAsync();
        await using var console = await IntegrationsAsync("int-types", "root");
        var page = console.Page;
        await page.Locator(".n-tabs-tab[data-name=webhooks]").ClickAsync();

        await page.GetByTestId("int-webhook-url").Locator("input").FillAsync(platform.Receiver.Url("console-types"));
        await page.GetByTestId("int-webhook-types").ClickAsync();
        var options = page.Locator(".n-base-select-option");
        await Expect(options.Filter(new() { HasText = "customer.merged-into" })).ToBeVisibleAsync();
        var offered = (await options.Locator(".raw-name").AllTextContentsAsync()).Select(o => o.Trim()).ToList();
        Assert.Equal(((string[])["*", .. listed.Families, .. listed.Types]).Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
        // Every type reads a Chinese label before its name: none is left to the raw name alone.
        Assert.All(await options.AllTextContentsAsync(), o => Assert.Matches(@"^\s*\p{IsCJKUnifiedIdeographs}", o));
        await Expect(options.Filter(new() { HasText = "customer.merge-undone" })).ToHaveTextAsync("撤销合并customer.merge-undone");
        await options.Filter(new() { HasText = "customer.merge-undone" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("int-webhook-save").ClickAsync();

        await Expect(page.GetByTestId("int-secret")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        Assert.Equal(["*", "customer.merge-undone"], Assert.Single(await client.Api.Webhooks.ListAsync()).EventTypes);
    }

    [Fact]
    public async Task A_staff_member_has_no_integrations_link_and_the_page_and_its_routes_turn_them_away()
    {
        using var client = await TenantAsync("int-staff");
        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress, width: 390, height: 844);
        await console.SignInAsync("int-staff", "alice");
        await Expect(console.Page.GetByTestId("nav-customers")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("nav-integrations")).ToHaveCountAsync(0);

        await console.Page.GotoAsync("/integrations");

        await Expect(console.Page.GetByTestId("integrations-denied")).ToBeVisibleAsync();
        var workbench = client.Api.WithConsoleToken(await client.ConsoleTokenAsync("alice")).Workbench;
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => workbench.Keys.ListAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => workbench.Webhooks.ListAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => workbench.Keys.CreateAsync(new CreateApiKeyRequest("sneaky", ["admin"])))).StatusCode);
        Assert.Empty(await client.Api.Keys.ListAsync());

        // The same routes open for an admin, through the SDK's console clients.
        var admin = client.Api.WithConsoleToken(await client.ConsoleTokenAsync("root")).Workbench;
        var issued = await admin.Keys.CreateAsync(new CreateApiKeyRequest("from-sdk", ["customers:read"]));
        Assert.Equal(["from-sdk"], (await client.Api.Keys.ListAsync()).Select(k => k.Name));
        Assert.Equal("revoked", (await admin.Keys.RevokeAsync(issued.ApiKey.KeyId)).State);
        Assert.Empty(await admin.Webhooks.ListAsync());
    }
}
