using System.Diagnostics;
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
/// PDG_WEBHOOK_MEASURE_SCALE multiplies the count (default 1: 2,000 notifications, a few seconds); run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
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

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
