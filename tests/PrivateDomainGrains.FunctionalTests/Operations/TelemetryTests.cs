using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host.Telemetry;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// What an operator watches: one trace per event from HTTP to the console push (on a node recording traces), and the
/// Prometheus scrape.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;

    private PlatformClient Api { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "telemetry"), "--Telemetry:TraceSampleRatio", "1");
        Api = new PlatformClient(_node.BaseAddress);
        await Api.ProvisionAsync("acme", "alice", "bob");
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<ConsoleClient> ConsoleAsync(string staffId) => await ConsoleClient.ConnectAsync(_node.BaseAddress, await Api.ConsoleTokenAsync(staffId));

    [Fact]
    public async Task An_event_is_one_trace_from_the_http_request_through_the_grain_call_and_the_group_commit_to_the_console_push()
    {
        // The node records into the same activity sources in this process; an in-memory exporter stands for the collector.
        var spans = new List<Activity>();
        using (var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                   .AddSource(TelemetryHostingExtensions.TraceSources)
                   .AddAspNetCoreInstrumentation()
                   .SetSampler(new AlwaysOnSampler())
                   .AddInMemoryExporter(spans)
                   .Build())
        {
            await using var alice = await ConsoleAsync("alice");
            await Api.PostEventsAsync(Events.FriendAdded("trace-1", "trace-customer", "alice"));
            await alice.WaitForAsync(n => n.EventId == "trace-1");

            var trace = await WaitForTraceAsync(spans, tracing!, span => span.DisplayName == "nudge push");
            var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
            // The route as declared: the events group's POST ("") ends in a slash.
            Assert.Equal("/api/v1/tenants/{tenant}/events", ((string?)request.GetTagItem("http.route"))?.TrimEnd('/'));
            var grainCall = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server
                && s.DisplayName == "ICustomerGrain/IngestAsync");
            // The events' commit, and on a first activation possibly its snapshot: each under the grain call.
            var commits = trace.Where(s => s.DisplayName == "group commit").ToList();
            var dispatch = Assert.Single(trace, s => s.DisplayName == "nudge dispatch");
            var push = Assert.Single(trace, s => s.DisplayName == "nudge push");

            Assert.True(IsAncestor(request, grainCall, trace));
            Assert.NotEmpty(commits);
            Assert.All(commits, commit => Assert.True(IsAncestor(grainCall, commit, trace)));
            Assert.True(IsAncestor(grainCall, dispatch, trace));
            Assert.True(IsAncestor(dispatch, push, trace));
            Assert.Contains(trace, s => s.DisplayName == "IStaffGrain/DeliverAsync" && IsAncestor(dispatch, s, trace));
            Assert.Contains(trace, s => s.DisplayName == "INudgeObserver/OnNudgesAsync" && IsAncestor(s, push, trace));
        }
    }

    [Fact]
    public async Task The_metrics_scrape_needs_the_operator_key_and_shows_the_platforms_figures()
    {
        await using var alice = await ConsoleAsync("alice");
        await Api.PostEventsAsync(Events.FriendAdded("metrics-1", "metrics-customer", "alice"), new PostedEvent("metrics-bad", "x", "no-such-type"));
        await Api.PostEventsAsync(Events.FriendAdded("metrics-1", "metrics-customer", "alice"));
        // The same id for another customer's event: a conflict, refused.
        Assert.Equal(409, Assert.Single((await Api.PostEventsAsync(Events.FriendAdded("metrics-1", "metrics-other", "alice"))).Errors).Status);
        var nudge = await alice.WaitForAsync(n => n.EventId == "metrics-1");
        Assert.Equal("closed", await alice.AckAsync(nudge.Id));

        using var http = new HttpClient { BaseAddress = _node.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(TelemetryHostingExtensions.MetricsPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(http, new AuthenticationHeaderValue("Bearer", "not-the-operator-key"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(http, new AuthenticationHeaderValue("Bearer", Api.ApiKey))).StatusCode);
        var basic = await ScrapeAsync(http, new AuthenticationHeaderValue("Basic", Convert.ToBase64String("prometheus:"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(NodeSettings.OperatorKey)).ToArray())));
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);

        var text = await (await ScrapeAsync(http, new AuthenticationHeaderValue("Bearer", NodeSettings.OperatorKey))).Content.ReadAsStringAsync();
        Assert.Matches(@"pdg_events_ingested_total\{[^}]*outcome=""accepted""[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_events_ingested_total\{[^}]*outcome=""duplicate""[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_events_refused_total\{[^}]*reason=""invalid""[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_events_refused_total\{[^}]*reason=""conflict""[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_group_commit_flush_duration_seconds_bucket\{[^}]*outcome=""committed""", text);
        Assert.Matches(@"pdg_group_commit_flush_writes_bucket\{", text);
        Assert.Matches(@"pdg_customers_resident\{[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_customer_activations_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_nudges_raised_total\{[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_nudges_dispatched_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_nudge_dispatch_queue\{[^}]*\} \d", text);
        Assert.Matches(@"pdg_nudges_pushed_total\{[^}]*path=""live""[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_nudges_closed_total\{[^}]*how=""done""[^}]*tenant=""acme""[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_console_connections\{[^}]*\} [1-9]", text);
        Assert.Matches(@"pdg_scheduler_backlog\{[^}]*shard=""0""[^}]*\} \d", text);
        Assert.Contains("aspnetcore_rate_limiting_requests_total", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("orleans_", text);
        Assert.Contains("db_client_operation_duration_seconds", text);
    }

    private static Task<HttpResponseMessage> ScrapeAsync(HttpClient http, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, TelemetryHostingExtensions.MetricsPath);
        request.Headers.Authorization = authorization;
        return http.SendAsync(request);
    }

    /// <summary>The spans of the trace that a span matching <paramref name="last"/> belongs to, once that span has ended.</summary>
    private static async Task<List<Activity>> WaitForTraceAsync(List<Activity> spans, TracerProvider tracing, Func<Activity, bool> last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            tracing.ForceFlush();
            lock (spans)
            {
                if (spans.FirstOrDefault(last) is { } found) return spans.Where(s => s.TraceId == found.TraceId).ToList();
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No span matched; recorded: {string.Join(", ", spans.Select(s => s.DisplayName).Distinct())}");
            await Task.Delay(100);
        }
    }

    private static bool IsAncestor(Activity ancestor, Activity span, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            var next = trace.FirstOrDefault(s => s.SpanId == parent);
            if (next is null) return false;
            parent = next.ParentSpanId;
        }
        return false;
    }
}
