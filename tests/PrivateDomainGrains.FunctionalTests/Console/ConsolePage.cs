using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>The staff console as a staff member uses it: what they see and click, found by role and test id.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; private set; }

    public static async Task<ConsolePage> OpenAsync(IBrowserContext context)
    {
        var index = Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html");
        if (!File.Exists(index))
            throw new FileNotFoundException($"The console is not built ({index} is missing): run deploy/test.sh, or deploy/console.sh build before dotnet test");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return new ConsolePage(context, page);
    }

    public ILocator Connection => Page.GetByTestId("connection");
    public ILocator Nudges => Page.GetByTestId("nudge");
    public ILocator OpenCount => Page.GetByTestId("open-count");

    /// <summary>The nudge card of that kind about that customer.</summary>
    public ILocator Nudge(string customerId, string kind) =>
        Page.Locator($"[data-testid=customer][data-customer-id='{customerId}'] [data-testid=nudge][data-kind='{kind}']");

    public async Task SignInAsync(string tenant, string staffId, string password = PlatformClient.StaffPassword)
    {
        await FillSignInAsync(tenant, staffId, password);
        await ExpectConnectedAsync();
    }

    public async Task FillSignInAsync(string tenant, string staffId, string password)
    {
        await Page.Locator("input[name=tenant]").FillAsync(tenant);
        await Page.Locator("input[name=staffId]").FillAsync(staffId);
        await Page.Locator("input[name=password]").FillAsync(password);
        await Page.GetByTestId("sign-in").ClickAsync();
    }

    public Task ExpectConnectedAsync() => Expect(Connection).ToHaveAttributeAsync("data-state", "connected");

    /// <summary>The session the console keeps in localStorage (null when signed out).</summary>
    public async Task<JsonObject?> StoredSessionAsync() =>
        JsonNode.Parse(await Page.EvaluateAsync<string?>("localStorage.getItem('pdg.console.session')") ?? "null")?.AsObject();

    /// <summary>The durable outbox of the staff member: actions clicked and not yet confirmed.</summary>
    public async Task<JsonArray> OutboxAsync(string tenant, string staffId) =>
        JsonNode.Parse(await Page.EvaluateAsync<string?>($"localStorage.getItem('pdg.console.outbox:{tenant}/{staffId}')") ?? "[]")!.AsArray();

    /// <summary>
    /// Waits until the staff member's outbox is empty: the console clears a sent action once the server has answered,
    /// after the card has gone, so a single read just then can still see it.
    /// </summary>
    public Task ExpectOutboxEmptyAsync(string tenant, string staffId) =>
        Page.WaitForFunctionAsync($"() => JSON.parse(localStorage.getItem('pdg.console.outbox:{tenant}/{staffId}') ?? '[]').length === 0",
            null, new() { Timeout = 15_000 });

    /// <summary>Reopens the console in a new tab of the same browser profile, closing this one.</summary>
    public async Task ReopenAsync()
    {
        await Page.CloseAsync();
        Page = await _context.NewPageAsync();
        await Page.GotoAsync("/");
    }

    /// <summary>
    /// Answers the open confirmation pop-up with its button named <paramref name="button"/>. The click waits for the
    /// pop-up to finish appearing: a click while it still grows and moves into place can land where the button was.
    /// </summary>
    public async Task ConfirmAsync(string button)
    {
        var popup = Page.Locator(".n-popover:has(.n-popconfirm__action)");
        await Expect(popup).ToBeVisibleAsync();
        await Expect(popup).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("popover-transition-enter"));
        await popup.Locator(".n-popconfirm__action").GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(popup).ToBeHiddenAsync();
    }

    /// <summary>Kept as a test artefact under the test output folder (screenshots/), to be looked at.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        // From the top: a full-page shot of a scrolled page draws the sticky header where the scroll left it.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
