using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host.Integrations.WeCom;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>
/// A measurement driver, not a speed assertion: one host process, consoles of every staff member connected over SignalR,
/// then (1) one request at a time, a WeCom add_external_contact callback and the same event posted to /events,
/// timing request → answer and request → welcome nudge on the owner's console; (2) many at once, callbacks and posted
/// events per second. It asserts only that every request was accepted and every nudge arrived; the figures go to the
/// test output. PDG_WECOM_MEASURE_SCALE multiplies the counts (default 1: a few seconds, fit for CI); run with
/// <c>--logger "console;verbosity=detailed"</c> to see them.
/// </summary>
public sealed class WeComCallbackMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int StaffCount = 10;
    private const int Concurrency = 32;
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("PDG_WECOM_MEASURE_SCALE"), out var s) && s > 0 ? s : 1;

    private readonly TestDatabase _database = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _arrivals = new(StringComparer.Ordinal);
    private readonly List<ConsoleHubClient> _consoles = [];
    private HostProcess _host = null!;
    private PlatformClient _api = null!;
    private WeComServer _weCom = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "wecom-measure");
        // It drives one node as fast as it goes: the per-key and per-tenant limits would only measure themselves.
        _host = HostProcess.Start(settings, WeComPlatform.Unlimited);
        await _host.WaitUntilHealthyAsync();
        _api = new PlatformClient(settings.BaseAddress);
        var staff = Enumerable.Range(0, StaffCount).Select(i => $"staff-{i}").ToArray();
        await _api.ProvisionAsync("acme", staff);
        await _api.Api.WeCom.PutSettingsAsync(WeComPlatform.CorpId, WeComPlatform.Token, WeComPlatform.EncodingAesKey);
        _weCom = new WeComServer(settings.BaseAddress, "acme", WeComPlatform.Token, WeComPlatform.EncodingAesKey, WeComPlatform.CorpId);
        foreach (var staffId in staff)
        {
            var token = await _api.ConsoleTokenAsync(staffId);
            var connection = new ConsoleHubClient(settings.BaseAddress, () => Task.FromResult<string?>(token));
            connection.OnNudges(nudges =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var nudge in nudges) Arrival(nudge.EventId!).TrySetResult(now);
            });
            await connection.StartAsync();
            _consoles.Add(connection);
        }
    }

    private TaskCompletionSource<long> Arrival(string eventId) =>
        _arrivals.GetOrAdd(eventId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed record Sent(string EventId, long StartedAt, long AnsweredAt, HttpStatusCode Status);

    private async Task<Sent> CallbackAsync(string customerId, string staffId)
    {
        var createTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var callback = _weCom.FriendAdded(staffId, customerId, createTime);
        var request = _weCom.Sign(callback);
        var eventId = WeComEventMapper.EventId(WeComPlatform.CorpId, WeComXml.ReadFields(callback));
        Arrival(eventId);
        var started = Stopwatch.GetTimestamp();
        var response = await _weCom.PostAsync(request);
        return new Sent(eventId, started, Stopwatch.GetTimestamp(), response.StatusCode);
    }

    private async Task<Sent> PostEventAsync(string customerId, string staffId)
    {
        var eventId = "direct:" + customerId;
        Arrival(eventId);
        var started = Stopwatch.GetTimestamp();
        await _api.PostEventsAsync(Events.FriendAdded(eventId, customerId, staffId));
        return new Sent(eventId, started, Stopwatch.GetTimestamp(), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Callbacks_and_posted_events_all_reach_the_owners_console_and_their_rate_and_latency_are_reported()
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        // Warm-up: JIT, connection pools, grain activations of the staff.
        var warmUp = new Latencies();
        for (var i = 0; i < 20; i++)
        {
            await MeasureOneAsync($"warm-wc-{i}", $"staff-{i % StaffCount}", CallbackAsync, warmUp);
            await MeasureOneAsync($"warm-ev-{i}", $"staff-{i % StaffCount}", PostEventAsync, warmUp);
        }

        // Interleaved, so that both paths see the same machine: it is shared, and its load moves during a run.
        var pairs = 100 * Scale;
        var callbackLatency = new Latencies();
        var directLatency = new Latencies();
        for (var i = 0; i < pairs; i++)
        {
            await MeasureOneAsync($"lat-wc-{i}", $"staff-{i % StaffCount}", CallbackAsync, callbackLatency);
            await MeasureOneAsync($"lat-ev-{i}", $"staff-{i % StaffCount}", PostEventAsync, directLatency);
        }

        var burst = 500 * Scale;
        var callbackRates = new List<double>();
        var directRates = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            callbackRates.Add(await MeasureConcurrentAsync($"tp-wc-{round}", burst, CallbackAsync));
            directRates.Add(await MeasureConcurrentAsync($"tp-ev-{round}", burst, PostEventAsync));
        }

        output.WriteLine($"machine: {Environment.ProcessorCount} cores; /proc/loadavg before: {load}; after: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine($"one at a time, {pairs} each, interleaved (ms)   answer p50/p95/p99      -> console nudge p50/p95/p99");
        output.WriteLine($"  WeCom callback                          {Percentiles(callbackLatency.Answers)}      {Percentiles(callbackLatency.Nudges)}");
        output.WriteLine($"  same event POSTed to /events            {Percentiles(directLatency.Answers)}      {Percentiles(directLatency.Nudges)}");
        output.WriteLine($"{Concurrency} at once, {burst} per round, rounds alternating: WeCom callbacks {string.Join(", ", callbackRates.Select(r => $"{r:F0}/s"))}; " +
                         $"/events with one event per request {string.Join(", ", directRates.Select(r => $"{r:F0}/s"))}");
    }

    private sealed record Latencies
    {
        public List<double> Answers { get; } = [];
        public List<double> Nudges { get; } = [];
    }

    /// <summary>Sends one, waits for its answer and its nudge: request → answer and request → nudge, in milliseconds.</summary>
    private async Task MeasureOneAsync(string customerId, string staffId, Func<string, string, Task<Sent>> send, Latencies into)
    {
        var sent = await send(customerId, staffId);
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var arrived = await Arrival(sent.EventId).Task.WaitAsync(TimeSpan.FromSeconds(15));
        into.Answers.Add(Stopwatch.GetElapsedTime(sent.StartedAt, sent.AnsweredAt).TotalMilliseconds);
        into.Nudges.Add(Stopwatch.GetElapsedTime(sent.StartedAt, arrived).TotalMilliseconds);
    }

    /// <summary>Requests per second from the first request to the last answer, every nudge then awaited.</summary>
    private async Task<double> MeasureConcurrentAsync(string prefix, int count, Func<string, string, Task<Sent>> send)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            var sent = new List<Sent>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) sent.Add(await send($"{prefix}-{i}", $"staff-{i % StaffCount}"));
            return sent;
        }).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(s => s).ToList();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.All(all, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        await Task.WhenAll(all.Select(s => Arrival(s.EventId).Task)).WaitAsync(TimeSpan.FromSeconds(60));
        return count / elapsed.TotalSeconds;
    }

    private static string Percentiles(List<double> values)
    {
        values.Sort();
        double At(double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
        return $"{At(0.50),5:F1} / {At(0.95),5:F1} / {At(0.99),5:F1}";
    }

    public async Task DisposeAsync()
    {
        foreach (var console in _consoles) await console.DisposeAsync();
        _weCom.Dispose();
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
