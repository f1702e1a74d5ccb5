using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>A staff console: a real SignalR connection that records every nudge it receives.</summary>
public sealed class ConsoleClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private ConsoleClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonObject[]>("nudges", nudges =>
        {
            foreach (var nudge in nudges)
            {
                _received.Enqueue(nudge);
                _arrived.Release();
            }
        });
    }

    public IReadOnlyList<JsonObject> Received => _received.ToList();

    public static async Task<ConsoleClient> ConnectAsync(Uri node, string? accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "/hubs/console"), o => o.AccessTokenProvider = () => Task.FromResult(accessToken))
            .Build();
        var client = new ConsoleClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Waits until a nudge matching <paramref name="match"/> has arrived, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"No matching nudge arrived; received: {string.Join(" | ", _received.Select(n => n.ToJsonString()))}");
        }
    }

    /// <summary>Done: the hub's answer, "closed", "already-closed", "unknown" or "invalid".</summary>
    public Task<string> AckAsync(string nudgeId) => _connection.InvokeAsync<string>("Ack", nudgeId);

    /// <summary>Not useful: answers as <see cref="AckAsync"/>.</summary>
    public Task<string> DismissAsync(string nudgeId) => _connection.InvokeAsync<string>("Dismiss", nudgeId);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
