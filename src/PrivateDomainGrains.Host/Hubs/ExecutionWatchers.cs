using Microsoft.AspNetCore.SignalR;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// The team dashboards on this node that watch execution live (<see cref="ConsoleHub.WatchExecution"/>). A watching
/// connection joins one SignalR group for what it may see (<see cref="GroupOf"/>: the tenant for an admin, the team for a
/// manager), and this node subscribes to the staff grains of everyone in it, as it does for its own consoles: a staff
/// grain anywhere in the cluster then forwards that staff member's nudges raised and changed (done, not useful, snoozed,
/// expired, obsolete) to this node's observer, which calls <see cref="Changed"/>. Each group hears
/// <see cref="ChangedMethod"/> (no arguments: the page reads its report again) at most once per
/// <see cref="NoticeInterval"/>: the first change at once, the rest of a burst once the interval is over, so nothing is
/// left unannounced and a busy team costs a dashboard one refetch a second.
/// </summary>
public sealed class ExecutionWatchers(IHubContext<ConsoleHub> hub, TimeProvider time, ILogger<ExecutionWatchers> logger)
{
    public const string ChangedMethod = "executionChanged";

    /// <summary>The shortest time between two notices to one group.</summary>
    public static readonly TimeSpan NoticeInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Group, string[] StaffKeys)> _byConnection = new(StringComparer.Ordinal);
    /// <summary>Staff key → group → how many watching connections of that group cover the staff member.</summary>
    private readonly Dictionary<string, Dictionary<string, int>> _groupsByStaff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Throttle> _throttles = new(StringComparer.Ordinal);

    /// <summary>The group of a tenant's admins (<paramref name="scope"/> null), or of the dashboards watching one team or one staff member alone.</summary>
    public static string GroupOf(string tenant, string? scope = null) => scope is null ? $"execution:{tenant}" : $"execution:{tenant}:{scope}";

    /// <summary>Staff keys some dashboard here watches: the node keeps its subscription to their staff grains.</summary>
    public IReadOnlyList<string> StaffKeys
    {
        get
        {
            lock (_lock) return [.. _groupsByStaff.Keys];
        }
    }

    public bool IsWatched(string staffKey)
    {
        lock (_lock) return _groupsByStaff.ContainsKey(staffKey);
    }

    /// <summary>The connection watches <paramref name="staffKeys"/> as <paramref name="group"/> (a second call replaces the first).</summary>
    public void Watch(string connectionId, string group, string[] staffKeys)
    {
        lock (_lock)
        {
            RemoveLocked(connectionId);
            _byConnection[connectionId] = (group, staffKeys);
            foreach (var staffKey in staffKeys)
            {
                var groups = _groupsByStaff.TryGetValue(staffKey, out var found) ? found : _groupsByStaff[staffKey] = new(StringComparer.Ordinal);
                groups[group] = groups.GetValueOrDefault(group) + 1;
            }
        }
    }

    /// <summary>Forgets the connection's watch; returns the staff keys no dashboard here watches any more.</summary>
    public IReadOnlyList<string> Unwatch(string connectionId)
    {
        lock (_lock) return RemoveLocked(connectionId);
    }

    private List<string> RemoveLocked(string connectionId)
    {
        var released = new List<string>();
        if (!_byConnection.Remove(connectionId, out var watch)) return released;
        if (_throttles.TryGetValue(watch.Group, out var throttle) && !throttle.Pending && !_byConnection.Values.Any(w => w.Group == watch.Group))
            _throttles.Remove(watch.Group);
        foreach (var staffKey in watch.StaffKeys)
        {
            if (!_groupsByStaff.TryGetValue(staffKey, out var groups)) continue;
            if (groups.TryGetValue(watch.Group, out var count) && count > 1) groups[watch.Group] = count - 1;
            else groups.Remove(watch.Group);
            if (groups.Count > 0) continue;
            _groupsByStaff.Remove(staffKey);
            released.Add(staffKey);
        }
        return released;
    }

    /// <summary>The staff member's nudges were raised or changed: each group watching them hears of it, throttled.</summary>
    public void Changed(string staffKey)
    {
        List<string> due;
        lock (_lock)
        {
            if (!_groupsByStaff.TryGetValue(staffKey, out var groups)) return;
            var now = time.GetUtcNow();
            due = [];
            foreach (var group in groups.Keys)
            {
                var throttle = _throttles.TryGetValue(group, out var found) ? found : _throttles[group] = new Throttle();
                if (throttle.Pending) continue;
                var wait = throttle.LastSent + NoticeInterval - now;
                if (wait <= TimeSpan.Zero)
                {
                    throttle.LastSent = now;
                    due.Add(group);
                }
                else
                {
                    throttle.Pending = true;
                    _ = SendLaterAsync(group, throttle, wait);
                }
            }
        }
        foreach (var group in due) Send(group);
    }

    private async Task SendLaterAsync(string group, Throttle throttle, TimeSpan wait)
    {
        await Task.Delay(wait, time);
        lock (_lock)
        {
            throttle.Pending = false;
            throttle.LastSent = time.GetUtcNow();
            // A group no dashboard watches any more keeps no throttle.
            if (!_byConnection.Values.Any(w => w.Group == group)) _throttles.Remove(group);
        }
        Send(group);
    }

    private void Send(string group) =>
        hub.Clients.Group(group).SendAsync(ChangedMethod).ContinueWith(
            t => logger.LogDebug(t.Exception, "Telling the dashboards of {Group} that execution changed failed", group), TaskContinuationOptions.OnlyOnFaulted);

    private sealed class Throttle
    {
        public DateTimeOffset LastSent { get; set; } = DateTimeOffset.MinValue;
        public bool Pending { get; set; }
    }
}
