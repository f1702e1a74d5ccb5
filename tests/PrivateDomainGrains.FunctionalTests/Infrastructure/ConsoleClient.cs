using System.Collections.Concurrent;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>A staff console: the SDK's hub client, recording every nudge it receives.</summary>
public sealed class ConsoleClient : IAsyncDisposable
{
    private readonly ConsoleHubClient _hub;
    private readonly ConcurrentQueue<Nudge> _received = new();
    private readonly ConcurrentQueue<NudgeChange> _changes = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentQueue<(ReplayTotals Totals, int NudgesBefore)> _replays = new();

    private ConsoleClient(ConsoleHubClient hub)
    {
        _hub = hub;
        _hub.OnNudges(nudges =>
        {
            foreach (var nudge in nudges)
            {
                _received.Enqueue(nudge);
                _arrived.Release();
            }
        });
        _hub.OnReplaying(totals => _replays.Enqueue((totals, _received.Count)));
        _hub.OnChanged(changes =>
        {
            foreach (var change in changes)
            {
                _changes.Enqueue(change);
                _arrived.Release();
            }
        });
    }

    /// <summary>Every change the hub announced (closed, moved away, snoozed), in arrival order.</summary>
    public IReadOnlyList<NudgeChange> Changes => _changes.ToList();

    /// <summary>Waits until a change matching <paramref name="match"/> has arrived, or fails after <paramref name="timeout"/>.</summary>
    public async Task<NudgeChange> WaitForChangeAsync(Func<NudgeChange, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _changes.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"No matching change arrived; received: {string.Join(" | ", _changes)}");
        }
    }

    public IReadOnlyList<Nudge> Received => _received.ToList();

    /// <summary>Every <c>replaying</c> message (one per connect), with how many nudges had arrived before it.</summary>
    public IReadOnlyList<(ReplayTotals Totals, int NudgesBefore)> Replays => _replays.ToList();

    /// <summary>Snooze: the hub's answer.</summary>
    public Task<string> SnoozeAsync(string nudgeId, DateTimeOffset until) => _hub.SnoozeAsync(nudgeId, until);

    public static async Task<ConsoleClient> ConnectAsync(Uri node, string? accessToken)
    {
        var client = new ConsoleClient(new ConsoleHubClient(node, () => Task.FromResult(accessToken)));
        await client._hub.StartAsync();
        return client;
    }

    /// <summary>Waits until a nudge matching <paramref name="match"/> has arrived, or fails after <paramref name="timeout"/>.</summary>
    public async Task<Nudge> WaitForAsync(Func<Nudge, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"No matching nudge arrived; received: {string.Join(" | ", _received)}");
        }
    }

    /// <summary>Done: the hub's answer (<see cref="CloseResults"/>).</summary>
    public Task<string> AckAsync(string nudgeId) => _hub.AckAsync(nudgeId);

    /// <summary>Not useful: answers as <see cref="AckAsync"/>.</summary>
    public Task<string> DismissAsync(string nudgeId) => _hub.DismissAsync(nudgeId);

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
