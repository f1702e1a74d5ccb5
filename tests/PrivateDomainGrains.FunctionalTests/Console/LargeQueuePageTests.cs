using System.Collections.Concurrent;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// A staff member with thousands of open nudges (after an event or a campaign) opens the queue: the count is the true
/// total from the hub's first message, the cards come a page at a time, and the connection stays up throughout.
/// </summary>
public sealed class LargeQueuePageTests(SingleNodePlatform platform, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<SingleNodePlatform>, IClassFixture<Chromium>
{
    private const int OpenNudges = 3000;

    /// <summary>Records, in the page, every open count and connection state the header shows, in order, and the main thread's long tasks.</summary>
    private const string Recorder = """
        window.__shown = { counts: [], states: [], longTasks: [] };
        new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__shown.longTasks.push(Math.round(e.duration))))
          .observe({ type: "longtask", buffered: true });
        new MutationObserver(() => {
          const count = document.querySelector("[data-testid=open-count]")?.getAttribute("data-count");
          const state = document.querySelector("[data-testid=connection]")?.getAttribute("data-state");
          const shown = window.__shown;
          if (count != null && shown.counts.at(-1) !== Number(count)) shown.counts.push(Number(count));
          if (state != null && shown.states.at(-1) !== state) shown.states.push(state);
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-count", "data-state"] });
        """;

    private sealed class Shown
    {
        public int[] Counts { get; set; } = [];
        public string[] States { get; set; } = [];
        public int[] LongTasks { get; set; } = [];
    }

    [Fact]
    public async Task Three_thousand_open_nudges_show_their_true_count_from_the_first_message_come_a_page_at_a_time_and_the_connection_stays_up()
    {
        using var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync("big-queue", "alice", "bob");
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        // One welcome nudge per new friend: the oldest, c-0000, is the most urgent.
        foreach (var chunk in Enumerable.Range(0, OpenNudges).Chunk(500))
            await api.PostEventsAsync([.. chunk.Select(i => Events.FriendAdded($"bq-{i}", $"c-{i:D4}", "alice", at: start.AddSeconds(i)))]);

        await using var console = await chromium.OpenAsync(platform.Node.BaseAddress);
        var frames = new ConcurrentQueue<int>();
        console.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => frames.Enqueue(frame.Text?.Length ?? frame.Binary?.Length ?? 0);
        var warnings = new ConcurrentQueue<string>();
        console.Page.Console += (_, message) => { if (message.Type is "warning" or "error") warnings.Enqueue(message.Text); };
        await console.Page.Context.AddInitScriptAsync(Recorder);
        await console.Page.ReloadAsync();
        await console.SignInAsync("big-queue", "alice");
        try
        {
            await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", OpenNudges.ToString(), new() { Timeout = 120_000 });
            await Expect(console.OpenCount).ToHaveAttributeAsync("data-replaying", "false", new() { Timeout = 120_000 });
            // A page of customers, the most urgent of all 3,000 first (as the SDK's console receives them); the rest on demand.
            var groups = console.Page.GetByTestId("customer");
            await Expect(groups).ToHaveCountAsync(QueuePageSize);
            var mostUrgent = await MostUrgentCustomersAsync(api, QueuePageSize);
            Assert.Equal(mostUrgent, await groups.EvaluateAllAsync<string[]>("sections => sections.map((s) => s.dataset.customerId)"));
            await console.Page.GetByTestId("queue-more").ClickAsync();
            await Expect(groups).ToHaveCountAsync(2 * QueuePageSize);
            await Expect(console.Page.GetByTestId("queue-more")).ToContainTextAsync($"{OpenNudges - 2 * QueuePageSize}");

            // The connection carries an action after the load, and never dropped.
            await console.Nudge(mostUrgent[0], "welcome").GetByTestId("done").ClickAsync();
            await Expect(console.OpenCount).ToHaveAttributeAsync("data-count", (OpenNudges - 1).ToString());
            await console.ScreenshotAsync("queue-3000-zh-CN-desktop");
            var shown = await console.Page.EvaluateAsync<Shown>("window.__shown");
            Assert.Equal([OpenNudges, OpenNudges - 1], shown.Counts.Where(c => c > 0));
            Assert.Equal(["connecting", "connected"], shown.States);
        }
        finally
        {
            // What the page went through, for the record (sizes and the main thread's long tasks; nothing timed is asserted).
            var shown = await console.Page.EvaluateAsync<Shown>("window.__shown");
            var sizes = frames.ToArray();
            output.WriteLine($"hub frames: {sizes.Length}, largest {sizes.DefaultIfEmpty().Max():N0} chars, total {sizes.Sum():N0}; " +
                $"long tasks: {shown.LongTasks.Length}, longest {shown.LongTasks.DefaultIfEmpty().Max()} ms, total {shown.LongTasks.Sum()} ms; " +
                $"counts shown: {string.Join(", ", shown.Counts)}; states: {string.Join(", ", shown.States)}; " +
                $"warnings: {string.Join(" | ", warnings.Distinct())}");
        }
    }

    /// <summary>
    /// The customers of the <paramref name="count"/> most urgent open nudges of alice's (higher priority, then older, then
    /// by id: the console's order), from every open nudge an SDK console receives on connect.
    /// </summary>
    private static async Task<string[]> MostUrgentCustomersAsync(PlatformClient api, int count)
    {
        await using var sdk = await ConsoleClient.ConnectAsync(api.BaseAddress, await api.ConsoleTokenAsync("alice"));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (sdk.Received.Count < OpenNudges && DateTime.UtcNow < deadline) await Task.Delay(200);
        return [.. sdk.Received.OrderByDescending(n => n.Priority).ThenBy(n => n.CreatedAt.ToUnixTimeMilliseconds()).ThenBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => n.CustomerId).Distinct().Take(count)];
    }

    /// <summary>Customers the queue shows before "show more" (the console's <c>queuePageSize</c>).</summary>
    private const int QueuePageSize = 30;
}
