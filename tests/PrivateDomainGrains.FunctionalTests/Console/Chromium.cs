using Microsoft.Playwright;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The system's Chromium driven by Playwright (no browser is downloaded), one per test class; each console page gets
/// a browser context of its own (its own localStorage), as a separate browser profile would.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // The console reconnects on its own schedule (up to 10 s between attempts once offline): assertions wait for it.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"] });
    }

    /// <summary>
    /// A new browser profile at the given window size, on the node's console page (not yet signed in). With
    /// <paramref name="reducedMotion"/> the page shows its resting look at once (no arrival glow), for screenshots.
    /// </summary>
    public async Task<ConsolePage> OpenAsync(Uri node, int width = 1280, int height = 860, bool reducedMotion = false)
    {
        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = node.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ReducedMotion = reducedMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = node.ToString().TrimEnd('/') });
        return await ConsolePage.OpenAsync(context);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
