using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.WeCom;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// A measurement driver, not a speed assertion: one host process with the default webhook settings (poll every second,
/// 200 per claim, 32 in flight) and a receiver on 127.0.0.1 answering 200. Events that each raise a nudge are posted in
/// batches of 200; every nudge.raised must reach the receiver (the only assertion). Figures to the test output:
/// deliveries per second while the events are posted and the lag from the nudge's commit to its arrival (p50 / p95 /
/// p99), then the rate at which a backlog of all of them, made due again at once, drains.
/// PDG_WEBHOOK_MEASURE_SCALE multiplies the count (default 1: 2,000 notifications, a few seconds). A second driver holds
/// an event rate for a while (PDG_WEBHOOK_MEASURE_RATE events/s, default 200, for PDG_WEBHOOK_MEASURE_SECONDS, default 5;
/// the README's figures: 10,000 for 60) and reports the lag from each event's acknowledgement to its notification's
/// arrival and the outbox backlog second by second. Run with <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class WebhookDeliveryMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BatchSize = 200;
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("PDG_WEBHOOK_MEASURE_SCALE"), out var s) && s > 0 ? s : 1;

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;
    private PlatformClient _api = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "webhook-measure");
        _host = HostProcess.Start(settings, [.. WeComPlatform.Unlimited, "--Webhooks:AllowInsecureUrls", "true", "--Webhooks:AllowPrivateTargets", "true"]);
        await _host.WaitUntilHealthyAsync();
        _api = new PlatformClient(settings.BaseAddress);
        await _api.ProvisionAsync("acme", "alice");
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Fact]
    public async Task Every_notification_of_a_burst_reaches_the_receiver_and_the_rate_and_lag_are_reported()
    {
        var count = 2_000 * Scale;
        await _api.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("measure"), ["nudge.raised"]));

        var started = Stopwatch.GetTimestamp();
        for (var first = 0; first < count; first += BatchSize)
        {
            var batch = Enumerable.Range(first, Math.Min(BatchSize, count - first)).Select(i => Events.FriendAdded($"m-{i}", $"c-{i}", "alice")).ToArray();
            Assert.Equal(batch.Length, (await _api.PostEventsAsync(batch)).Accepted);
        }
        var posted = Stopwatch.GetElapsedTime(started);
        var received = await _receiver.WaitForAsync("measure", r => r.Select(x => x.Id).Distinct().Count() >= count, TimeSpan.FromSeconds(60 * Scale + 60));

        Assert.Equal(count, received.Select(r => r.Id).Distinct().Count());
        var span = (received.Max(r => r.At) - received.Min(r => r.At)).TotalSeconds;
        var lags = received.Select(r => (r.At - r.Json.GetProperty("occurredAt").GetDateTimeOffset()).TotalMilliseconds).Order().ToList();
        double At(double p) => lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p * lags.Count) - 1)];
        output.WriteLine($"{count} notifications, posted in {posted.TotalSeconds:F1} s ({count / posted.TotalSeconds:F0} events/s), {received.Count} requests");
        output.WriteLine($"delivered: {count / span:F0}/s from the first to the last arrival ({span:F1} s)");
        output.WriteLine($"commit -> receiver, ms, p50 / p95 / p99: {At(0.50):F0} / {At(0.95):F0} / {At(0.99):F0}");

        // The drain alone: every delivered notification made due again at once (as a replay does), a backlog of count.
        var due = await _database.ScalarAsync<long>("WITH d AS (UPDATE pdg_webhook_deliveries SET state = 'pending', next_attempt_at = now() RETURNING 1) SELECT count(*) FROM d");
        var drainStarted = DateTimeOffset.UtcNow;
        var again = await _receiver.WaitForAsync("measure", r => r.Count >= 2 * count, TimeSpan.FromSeconds(60 * Scale + 60));
        var drained = (again.Max(r => r.At) - drainStarted).TotalSeconds;
        Assert.Equal(count, due);
        output.WriteLine($"a backlog of {count} drained in {drained:F1} s: {count / drained:F0} deliveries/s");
    }

    [Fact]
    public async Task At_a_sustained_event_rate_every_notification_arrives_and_the_lag_from_acknowledgement_and_the_backlog_are_reported()
    {
        var rate = Env("PDG_WEBHOOK_MEASURE_RATE", 200);
        var seconds = Env("PDG_WEBHOOK_MEASURE_SECONDS", 5);
        var count = rate * seconds;
        await _api.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("sustained"), ["nudge.raised"]));
        var acknowledged = new ConcurrentDictionary<string, DateTimeOffset>();
        var backlog = new List<(double At, long Pending, int Received)>();
        var load = new List<string> { LoadAverage() };
        var shed = 0;

        // Every 100 ms a tenth of a second's events (each a new customer's friend.added: one welcome nudge each), in
        // batches of 200, at most 32 requests in flight: the offered rate holds whatever the host answers.
        var started = Stopwatch.GetTimestamp();
        using var inFlight = new SemaphoreSlim(32);
        var posts = new List<Task>();
        var sampling = SampleBacklogAsync(backlog, load, started, count, TimeSpan.FromSeconds(seconds * 5 + 300));
        for (var tick = 0; tick < seconds * 10; tick++)
        {
            var due = TimeSpan.FromMilliseconds(100 * tick) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var first = count * tick / (seconds * 10);
            var last = count * (tick + 1) / (seconds * 10);
            for (var from = first; from < last; from += BatchSize)
            {
                var batch = Enumerable.Range(from, Math.Min(BatchSize, last - from)).Select(i => Events.FriendAdded($"s-{i}", $"s-{i}", "alice")).ToArray();
                await inFlight.WaitAsync();
                posts.Add(Task.Run(async () =>
                {
                    try
                    {
                        // A node that has as much in progress as it takes answers 503 at once: the batch is sent again
                        // after Retry-After (same ids: nothing twice), so the rate acknowledged is what the host sustains.
                        while (true)
                        {
                            try
                            {
                                Assert.Equal(batch.Length, (await _api.PostEventsAsync(batch)).Accepted);
                                break;
                            }
                            catch (PlatformApiException refused) when (refused.StatusCode == HttpStatusCode.ServiceUnavailable)
                            {
                                Interlocked.Increment(ref shed);
                                await Task.Delay(refused.RetryAfter ?? TimeSpan.FromMilliseconds(500));
                            }
                        }
                        var at = DateTimeOffset.UtcNow;
                        foreach (var e in batch) acknowledged[e.Id] = at;
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
            }
        }
        await Task.WhenAll(posts);
        var posted = Stopwatch.GetElapsedTime(started);
        await sampling; // until every notification has arrived (or the sampler gives up)
        var drained = Stopwatch.GetElapsedTime(started);
        var received = _receiver.At("sustained");

        var arrivals = received.Select(r => (Event: r.Json.GetProperty("data").GetProperty("eventId").GetString()!, r.At)).ToList();
        Assert.Equal(count, arrivals.Select(a => a.Event).Distinct().Count());
        var lags = arrivals.Select(a => (Acked: acknowledged[a.Event], Lag: (a.At - acknowledged[a.Event]).TotalMilliseconds)).ToList();
        output.WriteLine($"{count} events offered at {rate}/s for {seconds} s; acknowledged in {posted.TotalSeconds:F1} s ({count / posted.TotalSeconds:F0}/s); " +
            $"all {count} notifications received {drained.TotalSeconds:F1} s after the start ({count / drained.TotalSeconds:F0}/s), {received.Count - count} twice; " +
            $"{shed} batch posts answered 503 and sent again");
        output.WriteLine($"acknowledged -> received, ms, p50 / p95 / p99 / max: {Quantiles(lags.Select(l => l.Lag))}");
        var start = lags.Min(l => l.Acked);
        foreach (var window in lags.GroupBy(l => (int)((l.Acked - start).TotalSeconds / 10)).OrderBy(g => g.Key))
            output.WriteLine($"  events acknowledged in second {window.Key * 10}-{window.Key * 10 + 10}: {window.Count()}, p50 / p95 / p99 / max {Quantiles(window.Select(l => l.Lag))}");
        output.WriteLine("outbox pending (second: pending, received so far): " + string.Join("; ", backlog.Select(b => $"{b.At:F0}: {b.Pending}, {b.Received}")));
        output.WriteLine("load average (1, 5, 15 min) at the start, every 10 s, at the end: " + string.Join(" | ", load));
    }

    /// <summary>Once a second: the outbox's pending rows and the notifications received so far; ends when all have arrived or <paramref name="limit"/> has passed.</summary>
    private async Task SampleBacklogAsync(List<(double, long, int)> backlog, List<string> load, long started, int count, TimeSpan limit)
    {
        for (var i = 1; ; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(i) - Stopwatch.GetElapsedTime(started) is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            var pending = (await _api.Api.System.GetClusterAsync()).WebhookOutboxPending;
            var received = _receiver.At("sustained").Count;
            backlog.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, pending, received));
            if (i % 10 == 0) load.Add(LoadAverage());
            if (received >= count || Stopwatch.GetElapsedTime(started) > limit) break;
        }
        load.Add(LoadAverage());
    }

    private static string Quantiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return $"{At(0.50):F0} / {At(0.95):F0} / {At(0.99):F0} / {sorted[^1]:F0}";
    }

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
