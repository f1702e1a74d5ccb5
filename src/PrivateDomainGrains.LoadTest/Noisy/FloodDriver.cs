using PrivateDomainGrains.Client;
using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Run;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Noisy;

/// <summary>
/// Tenant A, the noisy neighbour of the noisy preset. Before the load it creates its tenant and one staff member; during
/// the flood it runs three open-loop senders side by side: console sign-ins with a wrong password for that staff member,
/// requests each carrying one of the <see cref="BadEvents"/>, and valid events (the run's mix, through its own
/// <see cref="EventDriver"/>). Every answer is tallied per kind; tenant B's run goes on as usual meanwhile.
/// </summary>
public sealed class FloodDriver(LoadTestOptions options, NoisyOptions noisy, NodePool nodes, RunClock clock, RequestLog requests, ErrorLog errors, TextWriter log)
{
    public const string SignInCall = "A sign-in (wrong password)";
    public const string EventsCall = "A valid events";
    private const string StaffId = "staff-0";
    /// <summary>A sender skips a beat rather than queue without bound when the server is slower than the flood.</summary>
    private const int MaxInFlight = 256;

    private readonly ConcurrentDictionary<(string Call, string Outcome), long> _outcomes = new();
    private TenantCredentials? _credentials;
    private long _skipped;

    public string Tenant { get; } = options.Tenant + "-noisy";

    public async Task SetUpAsync(CancellationToken ct)
    {
        if (options.OperatorKey is null) throw new OptionsException("the noisy preset creates tenant A: it needs --operator-key (or --nodes)");
        var node = nodes.Nodes[0];
        CreatedTenant created;
        try
        {
            created = await node.Api.Tenants.CreateAsync(Tenant, $"Noisy neighbour of {options.Tenant}", ct);
        }
        catch (PlatformApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new OptionsException($"tenant '{Tenant}' already exists: choose another --tenant");
        }
        _credentials = new TenantCredentials(created.Tenant, created.ApiKey, created.AdminKey);
        await _credentials.On(node).Staff.CreateAsync(StaffId, $"Noisy-{Guid.NewGuid():N}", cancellationToken: ct);
        log.WriteLine($"noisy tenant {Tenant} created");
    }

    /// <summary>Floods from <paramref name="startTicks"/> to <paramref name="endTicks"/> on the run clock, then waits for the answers.</summary>
    public async Task<FloodResult> RunAsync(long startTicks, long endTicks, CancellationToken ct)
    {
        var credentials = _credentials ?? throw new InvalidOperationException("SetUpAsync first");
        var length = TimeSpan.FromTicks(endTicks - startTicks);
        var valid = noisy.ValidEventsPerSecond > 0
            ? new EventDriver(new ArrivalSchedule([new RateSegment(TimeSpan.Zero, length, noisy.ValidEventsPerSecond)], TimeSpan.Zero),
                new EventGenerator(options.Seed + 1, options.Customers, new StaffRoster(1), options.Mix, eachCustomerOnce: false),
                nodes, credentials, options.BatchSize, MaxInFlight, clock, new RunCounters(), new LiveLatency(), null, errors, requests, TimeSpan.Zero, EventsCall)
            : null;
        var wait = startTicks - clock.NowTicks;
        if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait), ct);
        log.WriteLine($"flood: tenant {Tenant} starts {noisy.SignInsPerSecond:0.#} wrong sign-ins/s, {noisy.BadEventsPerSecond:0.#} bad events/s, {noisy.ValidEventsPerSecond:0.#} valid events/s");
        var signIns = PaceAsync(noisy.SignInsPerSecond, startTicks, endTicks, n => SignInAsync(n, credentials, ct), ct);
        var bad = PaceAsync(noisy.BadEventsPerSecond, startTicks, endTicks, n => BadEventAsync(n, credentials, ct), ct);
        var sent = valid is null ? [] : await valid.RunAsync(startTicks, ct);
        var offered = await Task.WhenAll(signIns, bad);
        return new FloodResult(Tenant, offered[0], offered[1], Interlocked.Read(ref _skipped), sent,
            _outcomes.Select(kv => new StatusCount(kv.Key.Call, kv.Key.Outcome, kv.Value))
                .OrderBy(c => c.Call, StringComparer.Ordinal).ThenBy(c => c.Outcome, StringComparer.Ordinal).ToArray());
    }

    /// <summary>A wrong password is answered 401 (then 429 once the staff member is throttled): counted by its status.</summary>
    private async Task SignInAsync(long n, TenantCredentials credentials, CancellationToken ct)
    {
        var node = nodes.Next();
        try
        {
            await credentials.On(node).Auth.SignInAsync(StaffId, $"wrong-password-{n}", ct);
            requests.Answered(SignInCall, node.BaseAddress, 200);
            Tally(SignInCall, "200");
        }
        catch (PlatformApiException e) when (!ct.IsCancellationRequested)
        {
            var status = (int)e.StatusCode;
            requests.Answered(SignInCall, node.BaseAddress, status);
            Tally(SignInCall, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            requests.Failed(SignInCall, node.BaseAddress, e);
            Tally(SignInCall, RequestAttempt.Describe(e).Failure ?? "failed");
        }
    }

    /// <summary>A 200 is split by what the body says about the one event: refused per event is what the issue asks for.</summary>
    private async Task BadEventAsync(long n, TenantCredentials credentials, CancellationToken ct)
    {
        var node = nodes.Next();
        var call = "A bad event: " + BadEvents.KindOf(n);
        try
        {
            var (status, ingest) = await node.PostRawAsync($"api/v1/tenants/{Uri.EscapeDataString(Tenant)}/events", credentials.ApiKey,
                BadEvents.Body(n, clock.WallAt(clock.NowTicks)), ct);
            requests.Answered(call, node.BaseAddress, status);
            Tally(call, ingest switch
            {
                null => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                { Rejected: > 0 } => "200, refused per event",
                { Accepted: > 0 } => "200, accepted (stored)",
                _ => "200, duplicate",
            });
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            requests.Failed(call, node.BaseAddress, e);
            Tally(call, RequestAttempt.Describe(e).Failure ?? "failed");
        }
    }

    private void Tally(string call, string outcome) => _outcomes.AddOrUpdate((call, outcome), 1, (_, c) => c + 1);

    /// <summary>Starts request n at <paramref name="startTicks"/> + n / rate whatever the earlier ones are doing; returns how many it started.</summary>
    private async Task<long> PaceAsync(double perSecond, long startTicks, long endTicks, Func<long, Task> send, CancellationToken ct)
    {
        if (perSecond <= 0) return 0;
        using var slots = new SemaphoreSlim(MaxInFlight, MaxInFlight);
        long started = 0;
        try
        {
            for (long n = 0; ; n++)
            {
                var due = startTicks + (long)(n * TimeSpan.TicksPerSecond / perSecond);
                if (due >= endTicks) break;
                var wait = due - clock.NowTicks;
                if (wait >= TimeSpan.TicksPerMillisecond) await Task.Delay(TimeSpan.FromTicks(wait), ct);
                if (!slots.Wait(0))
                {
                    Interlocked.Increment(ref _skipped);
                    continue;
                }
                started++;
                var number = n;
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await send(number);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is stopping.
        }
        for (var i = 0; i < MaxInFlight; i++) await slots.WaitAsync(CancellationToken.None);
        return started;
    }
}

/// <param name="SignInsSent">Wrong-password sign-ins started.</param>
/// <param name="BadEventsSent">Requests with one malformed event started.</param>
/// <param name="Skipped">Beats skipped because <c>256</c> requests of that sender were still unanswered.</param>
/// <param name="ValidEvents">Tenant A's valid events and their fate.</param>
/// <param name="Outcomes">Every answer of the flood by call: status codes, and for a bad event's 200 what the body said.</param>
public sealed record FloodResult(string Tenant, long SignInsSent, long BadEventsSent, long Skipped, IReadOnlyList<SentEvent> ValidEvents, IReadOnlyList<StatusCount> Outcomes);
