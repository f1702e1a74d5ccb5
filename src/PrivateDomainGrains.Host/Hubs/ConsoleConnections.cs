using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// The console connections on this node, by staff member. Each connection remembers the nudges it was sent (all of
/// them while its replay of the inbox runs, then the latest <see cref="RecentlySent"/>), so a nudge that reaches the
/// node twice (replay and live push, or a catch-up after a node loss) reaches the console once. Nudges go out as
/// arrays, one message for all that arrived together: a burst costs a console a few messages, not one per nudge. Every
/// nudge leaves here, live or replayed, a campaign's carrying its campaign's name (<see cref="CampaignNames"/>).
/// </summary>
public sealed class ConsoleConnections
{
    public const string NudgesMethod = "nudges";

    /// <summary>Sent on connect before the replay: how many open nudges it brings (<see cref="ReplayTotals"/>).</summary>
    public const string ReplayingMethod = "replaying";

    /// <summary>Tells consoles that nudges they show changed: closed (done elsewhere, done by the owner's own action, obsolete, expired) or snoozed.</summary>
    public const string ChangedMethod = "changed";

    /// <summary>Tells a console its session ended (the staff member was disabled); the connection is closed after it.</summary>
    public const string SignedOutMethod = "signedOut";

    /// <summary>How many nudge ids a connection remembers once its replay is over.</summary>
    public const int RecentlySent = 512;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Connection>> _byStaff = new(StringComparer.Ordinal);
    private readonly IHubContext<ConsoleHub> _hub;
    private readonly NudgeInbox _inbox;
    private readonly CampaignNames _campaignNames;
    private readonly ConsoleMetrics _metrics;
    private readonly ILogger<ConsoleConnections> _logger;

    public ConsoleConnections(IHubContext<ConsoleHub> hub, NudgeInbox inbox, CampaignNames campaignNames, ConsoleMetrics metrics, ILogger<ConsoleConnections> logger)
    {
        (_hub, _inbox, _campaignNames, _metrics, _logger) = (hub, inbox, campaignNames, metrics, logger);
        metrics.ObserveConnections(() => _byStaff.Values.Sum(c => c.Count));
    }

    /// <summary>Staff keys (tenant/staff) with at least one console on this node.</summary>
    public IEnumerable<string> StaffKeys => _byStaff.Where(s => !s.Value.IsEmpty).Select(s => s.Key);

    /// <summary>How many consoles of the staff member are connected to this node.</summary>
    public int CountOf(string staffKey) => _byStaff.TryGetValue(staffKey, out var connections) ? connections.Count : 0;

    /// <param name="abort">Closes the connection from the server's side (the hub's <c>Context.Abort</c>).</param>
    public void Add(string staffKey, string connectionId, Action? abort = null) =>
        _byStaff.GetOrAdd(staffKey, _ => new(StringComparer.Ordinal))[connectionId] = new Connection(connectionId, abort);

    /// <summary>Tells each of the staff member's consoles here that its session ended, then closes it.</summary>
    public async Task SignOutAsync(string staffKey)
    {
        if (!_byStaff.TryGetValue(staffKey, out var connections)) return;
        foreach (var connection in connections.Values)
        {
            await _hub.Clients.Client(connection.Id).SendAsync(SignedOutMethod);
            connection.Abort?.Invoke();
        }
    }

    /// <summary>Removes the connection; true when it was the staff member's last one on this node.</summary>
    public bool Remove(string staffKey, string connectionId)
    {
        if (!_byStaff.TryGetValue(staffKey, out var connections)) return true;
        connections.TryRemove(connectionId, out _);
        return connections.IsEmpty;
    }

    /// <summary>The connection ids of the staff member's consoles on this node.</summary>
    public IReadOnlyList<string> ConnectionsOf(string staffKey) =>
        _byStaff.TryGetValue(staffKey, out var connections) ? [.. connections.Keys] : [];

    public async Task SendAsync(string staffKey, Nudge[] nudges)
    {
        if (!_byStaff.TryGetValue(staffKey, out var connections)) return;
        nudges = await _campaignNames.NameAsync(nudges);
        foreach (var connection in connections.Values) await SendAsync(connection, nudges, replay: false);
    }

    public async Task SendChangesAsync(string staffKey, NudgeChange[] changes)
    {
        if (!_byStaff.TryGetValue(staffKey, out var connections)) return;
        foreach (var connection in connections.Values) await _hub.Clients.Client(connection.Id).SendAsync(ChangedMethod, changes);
    }

    public async Task ReplayAsync(string staffKey, string connectionId, Nudge[] nudges)
    {
        if (_byStaff.TryGetValue(staffKey, out var connections) && connections.TryGetValue(connectionId, out var connection))
            await SendAsync(connection, await _campaignNames.NameAsync(nudges), replay: true);
    }

    private async Task SendAsync(Connection connection, Nudge[] nudges, bool replay)
    {
        var unsent = Array.FindAll(nudges, n => connection.ShouldSend(n.Id));
        if (unsent.Length == 0) return;
        await _hub.Clients.Client(connection.Id).SendAsync(NudgesMethod, unsent);
        _metrics.Pushed(unsent, replay);
        MarkDelivered(unsent);
    }

    /// <summary>
    /// Records that the nudges reached a connected console, for the execution reports (the first delivery counts; the
    /// store keeps it). Not awaited: a console must not wait on it, and a lost mark costs a figure, not a nudge.
    /// </summary>
    private void MarkDelivered(Nudge[] sent)
    {
        var now = DateTimeOffset.UtcNow;
        _inbox.MarkAsync([.. sent.Select(n => new NudgeMark(n.Tenant, n.CustomerId, n.StaffId, n.Id, NudgeMarkKind.Delivered, now))])
            .ContinueWith(t => _logger.LogDebug(t.Exception, "Recording the delivery of {Count} nudges failed", sent.Length), TaskContinuationOptions.OnlyOnFaulted);
    }

    public void EndReplay(string staffKey, string connectionId)
    {
        if (_byStaff.TryGetValue(staffKey, out var connections) && connections.TryGetValue(connectionId, out var connection)) connection.EndReplay();
    }

    private sealed class Connection(string id, Action? abort)
    {
        private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();
        private bool _replaying = true;

        public string Id { get; } = id;
        public Action? Abort { get; } = abort;

        public bool ShouldSend(string nudgeId)
        {
            lock (this)
            {
                if (!_sent.Add(nudgeId)) return false;
                _order.Enqueue(nudgeId);
                if (!_replaying) Trim();
                return true;
            }
        }

        public void EndReplay()
        {
            lock (this)
            {
                _replaying = false;
                Trim();
            }
        }

        private void Trim()
        {
            while (_order.Count > RecentlySent) _sent.Remove(_order.Dequeue());
        }
    }
}
