using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// The console connections on this node, by staff member. A new connection first replays the inbox while live
/// nudges may already be arriving; until the replay ends it remembers what it sent, so each nudge reaches it once.
/// Nudges go out as arrays, one message for all that arrived together: a burst costs a console a few messages, not
/// one per nudge.
/// </summary>
public sealed class ConsoleConnections(IHubContext<ConsoleHub> hub)
{
    public const string NudgesMethod = "nudges";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Connection>> _byStaff = new(StringComparer.Ordinal);

    /// <summary>Staff keys (tenant/staff) with at least one console on this node.</summary>
    public IEnumerable<string> StaffKeys => _byStaff.Where(s => !s.Value.IsEmpty).Select(s => s.Key);

    public void Add(string staffKey, string connectionId) =>
        _byStaff.GetOrAdd(staffKey, _ => new(StringComparer.Ordinal))[connectionId] = new Connection(connectionId);

    /// <summary>Removes the connection; true when it was the staff member's last one on this node.</summary>
    public bool Remove(string staffKey, string connectionId)
    {
        if (!_byStaff.TryGetValue(staffKey, out var connections)) return true;
        connections.TryRemove(connectionId, out _);
        return connections.IsEmpty;
    }

    public async Task SendAsync(string staffKey, Nudge[] nudges)
    {
        if (!_byStaff.TryGetValue(staffKey, out var connections)) return;
        foreach (var connection in connections.Values) await SendAsync(connection, nudges);
    }

    public async Task ReplayAsync(string staffKey, string connectionId, Nudge[] nudges)
    {
        if (_byStaff.TryGetValue(staffKey, out var connections) && connections.TryGetValue(connectionId, out var connection))
            await SendAsync(connection, nudges);
    }

    private async Task SendAsync(Connection connection, Nudge[] nudges)
    {
        var unsent = Array.FindAll(nudges, n => connection.ShouldSend(n.Id));
        if (unsent.Length > 0) await hub.Clients.Client(connection.Id).SendAsync(NudgesMethod, unsent);
    }

    public void EndReplay(string staffKey, string connectionId)
    {
        if (_byStaff.TryGetValue(staffKey, out var connections) && connections.TryGetValue(connectionId, out var connection)) connection.EndReplay();
    }

    private sealed class Connection(string id)
    {
        private HashSet<string>? _sentDuringReplay = new(StringComparer.Ordinal);

        public string Id { get; } = id;

        public bool ShouldSend(string nudgeId)
        {
            lock (this) return _sentDuringReplay?.Add(nudgeId) ?? true;
        }

        public void EndReplay()
        {
            lock (this) _sentDuringReplay = null;
        }
    }
}
