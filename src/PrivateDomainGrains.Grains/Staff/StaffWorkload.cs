using System.Collections.Concurrent;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Staff;

/// <summary>
/// Per-silo, recently refreshed counts of each staff member's open nudges, for the contact policy's per-staff cap.
/// A count a few seconds old is good enough to stop a flood; asking the database on every decision is not affordable.
/// Only staff members asked about in the last few minutes are refreshed.
/// </summary>
public sealed class StaffWorkload(NudgeInbox inbox)
{
    /// <summary>How often the counts of the staff members asked about are read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Tenant, string StaffId), Entry> _entries = new();

    /// <summary>The staff member's open nudges as of the last refresh (0 until the first one).</summary>
    public int OpenNudges(string tenant, string staffId)
    {
        var entry = _entries.GetOrAdd((tenant, staffId), _ => new Entry());
        entry.AskedAt = DateTimeOffset.UtcNow;
        return entry.Open;
    }

    /// <summary>Reads the open-nudge counts of every staff member asked about recently; forgets the others.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var forgetBefore = DateTimeOffset.UtcNow - ForgetAfter;
        foreach (var stale in _entries.Where(e => e.Value.AskedAt < forgetBefore)) _entries.TryRemove(stale);
        foreach (var tenant in _entries.Keys.GroupBy(k => k.Tenant))
        {
            var counts = await inbox.CountOpenAsync(tenant.Key, tenant.Select(k => k.StaffId).ToList(), ct);
            foreach (var key in tenant)
                if (_entries.TryGetValue(key, out var entry)) entry.Open = counts.GetValueOrDefault(key.StaffId);
        }
    }

    private sealed class Entry
    {
        public volatile int Open;
        public DateTimeOffset AskedAt;
    }
}
