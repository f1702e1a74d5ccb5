using System.Diagnostics;
using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host.Hubs;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// How soon a stopping node reaches its grains (issue 16). SignalR closes the consoles as the stop begins and they
/// reconnect at once; a node that took them back kept its web server's stop waiting for their WebSockets until the
/// host's shutdown timeout, and its silo then stopped with no time left: in a rolling restart about 31 s from SIGTERM
/// before any grain began to deactivate, and no customer snapshotted.
/// </summary>
public sealed class GracefulStopTests : IAsyncLifetime
{
    /// <summary>Far above a normal stop's few seconds to its first deactivation, far below the 30 s shutdown timeout.</summary>
    private static readonly TimeSpan FirstDeactivationWithin = TimeSpan.FromSeconds(10);

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
        Assert.DoesNotContain(stopLog, line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
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

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string token) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{ConsoleHub.Path}/negotiate?negotiateVersion=1")
        {
            Headers = { Authorization = new("Bearer", token) },
        });
}
