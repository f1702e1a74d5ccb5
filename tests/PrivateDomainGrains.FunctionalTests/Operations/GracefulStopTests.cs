using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host.Hubs;
using Xunit.Abstractions;
using CloseResults = PrivateDomainGrains.Client.CloseResults;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// How soon a stopping node reaches its grains (issue 16). SignalR closes the consoles as the stop begins and they
/// reconnect at once; a node that took them back kept its web server's stop waiting for their WebSockets until the
/// host's shutdown timeout, and its silo then stopped with no time left: in a rolling restart about 31 s from SIGTERM
/// before any grain began to deactivate, and no customer snapshotted. A console's hub calls could hold the web server's
/// stop as long: every Ack it had sent before SIGTERM was still run, one after another, after SignalR closed it.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Far above a normal stop's few seconds to its first deactivation, far below the 30 s shutdown timeout.</summary>
    private static readonly TimeSpan FirstDeactivationWithin = TimeSpan.FromSeconds(10);

    /// <summary>A stop that waits for nothing takes a few seconds; one held by the Acks, the host's whole timeout (21 s there).</summary>
    private static readonly TimeSpan AckedStopWithin = TimeSpan.FromSeconds(12);

    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_node_whose_consoles_reconnect_at_once_deactivates_its_first_customer_within_seconds_of_SIGTERM_and_logs_no_warning()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "stop-consoles");
        using var api = new PlatformClient(settings.BaseAddress);
        // A drain as in production (Kubernetes: 10 s): the web server keeps listening meanwhile, so the consoles SignalR
        // closed at SIGTERM have time to come back.
        using var host = HostProcess.Start(settings, "--Health:DrainDelay", "00:00:02",
            "--Logging:LogLevel:PrivateDomainGrains.Grains.Customers.ShutdownSnapshots", "Information");
        await host.WaitUntilHealthyAsync();
        await api.ProvisionAsync("acme", "alice", "bob");
        await api.PostEventsAsync(
            Events.FriendAdded("s-1", "li", "alice", nickname: "Li"),
            Events.MessageReceived("s-2", "li", "thanks!"));
        await using var alice = await ConsoleClient.ConnectAsync(settings.BaseAddress, await api.ConsoleTokenAsync("alice"));
        await using var bob = await ConsoleClient.ConnectAsync(settings.BaseAddress, await api.ConsoleTokenAsync("bob"));
        var before = host.Output.Count;

        var sinceSigterm = Stopwatch.StartNew();
        host.Terminate();
        var first = await host.WaitForLineAsync(before, line => line.Contains("Stopping: resident customers snapshot", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var toFirstDeactivation = sinceSigterm.Elapsed;
        await host.WaitForExitAsync();

        var stopLog = host.Output.Skip(before).ToArray();
        Assert.True(first is not null && toFirstDeactivation < FirstDeactivationWithin,
            $"the first customer deactivated {(first is null ? "never" : $"{toFirstDeactivation.TotalSeconds:0.0} s after SIGTERM")}; the stop logged:\n{string.Join("\n", stopLog)}");
        Assert.Contains(stopLog, line => line.Contains("1 customers snapshotted within the budget, 0 left to their journal", StringComparison.Ordinal));
        Assert.DoesNotContain(HostProcess.EntriesAt(stopLog, "warn", "fail", "crit"), e => !HostProcess.IsTimingNote(e));
    }

    [Fact]
    public async Task Consoles_acking_nudges_through_SIGTERM_let_the_node_exit_within_seconds_logging_no_error_and_every_ack_answered_closed_is_durable()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "stop-acks");
        using var api = new PlatformClient(settings.BaseAddress);
        // A short stop timeout, so a stop held by the Acks shows as one of 21 s (the host's timeout: drain plus this); no
        // snapshot budget, so the thousand customers' deactivations take little of the stop.
        using var host = HostProcess.Start(settings, "--Health:DrainDelay", "00:00:01", "--Health:StopTimeout", "00:00:20",
            "--Customers:ShutdownSnapshotBudget", "00:00:00");
        await host.WaitUntilHealthyAsync();
        string[] staff = ["alice", "bob"];
        await api.ProvisionAsync("acme", staff);
        // A welcome nudge per customer: each console is sent its staff member's 500 at once and acks them all.
        foreach (var chunk in Enumerable.Range(0, 1000).Chunk(100))
            await api.PostEventsAsync([.. chunk.Select(i => Events.FriendAdded($"f-{i}", $"c-{i}", staff[i % 2]))]);
        List<ConsoleClient> consoles = [];
        foreach (var staffId in staff.Concat(staff))
            consoles.Add(await ConsoleClient.ConnectAsync(settings.BaseAddress, await api.ConsoleTokenAsync(staffId)));
        await Until(() => consoles.All(console => console.Received.Count == 500));
        // Every console acks every nudge at once, without waiting for an answer first (as the load tool's consoles do); two
        // consoles per staff member ack the same nudges, as two tabs would, so some answers are already-closed.
        var closed = new ConcurrentBag<string>();
        var acks = consoles.SelectMany(console => console.Received.Select(async nudge =>
        {
            try
            {
                if (await console.AckAsync(nudge.Id) == CloseResults.Closed) closed.Add(nudge.Id);
            }
            catch (Exception)
            {
                // Under way when SignalR closed the connection: no answer, the console sends it again after reconnecting.
            }
        })).ToArray();
        await Until(() => closed.Count >= 20);
        var before = host.Output.Count;

        var sinceSigterm = Stopwatch.StartNew();
        host.Terminate();
        await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var stopTime = sinceSigterm.Elapsed;
        await Task.WhenAll(acks);
        foreach (var console in consoles) await console.DisposeAsync();

        output.WriteLine($"SIGTERM to exit: {stopTime.TotalSeconds:0.0} s, {closed.Count} acks answered closed");
        var stopLog = host.Output.Skip(before).ToArray();
        Assert.True(stopTime < AckedStopWithin, $"the node exited {stopTime.TotalSeconds:0.0} s after SIGTERM ({closed.Count} acks answered closed); the stop logged:\n{string.Join("\n", stopLog)}");
        // The Acks a stopping node does not run are not failures: nothing at error level (SignalR logs each call that throws).
        Assert.Empty(HostProcess.EntriesAt(stopLog, "fail", "crit"));
        var ids = string.Join(",", closed.Select(id => $"'{id}'"));
        Assert.Equal(closed.Count, await _database.ScalarAsync<long>($"SELECT count(*) FROM pdg_nudges WHERE acked_at IS NOT NULL AND nudge_id IN ({ids})"));
    }

    [Fact]
    public async Task A_draining_node_answers_a_console_that_connects_503_with_Retry_After_and_still_serves_the_API()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "stop-refuse");
        var node = await PlatformNode.StartAsync(settings, "--Health:DrainDelay", "00:00:04");
        using var api = new PlatformClient(settings.BaseAddress);
        await api.ProvisionAsync("acme", "alice");
        var token = await api.ConsoleTokenAsync("alice");
        using var http = new HttpClient { BaseAddress = settings.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(http, token)).StatusCode);

        var stopping = node.DisposeAsync().AsTask();
        var negotiate = await NegotiateAsync(http, token);
        for (var tries = 0; negotiate.StatusCode == HttpStatusCode.OK && tries < 20; tries++)
        {
            await Task.Delay(50);
            negotiate = await NegotiateAsync(http, token);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(ConsolesRefusedWhileStopping.RetryAfterSeconds), negotiate.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", negotiate.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, (await api.PostEventsAsync(Events.FriendAdded("s-1", "li", "alice"))).Accepted);
        Assert.False(stopping.IsCompleted);
        await stopping;
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 60 s");
            await Task.Delay(20);
        }
    }

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string token) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{ConsoleHub.Path}/negotiate?negotiateVersion=1")
        {
            Headers = { Authorization = new("Bearer", token) },
        });
}
