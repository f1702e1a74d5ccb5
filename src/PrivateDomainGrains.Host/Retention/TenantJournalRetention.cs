using System.Collections.Concurrent;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>
/// Each tenant's journal retention as this node applies it to incoming events, cached for <see cref="CacheFor"/> (the
/// node that stores a change applies it at once; passes start only after a change is older than this, so every node
/// refuses events before the cutoff before any is dropped).
/// </summary>
public sealed class TenantJournalRetention(JournalRetention store, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (int? Days, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The earliest <c>at</c> the tenant's journal keeps, now; null when it keeps every event. An event before it is
    /// refused: the journal may no longer hold its id, so a resend could not be told from a new event.
    /// </summary>
    public async Task<DateTimeOffset?> KeepsFromAsync(string tenant, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(tenant, out var cached) || cached.Until <= now)
        {
            cached = ((await store.GetAsync(tenant, ct))?.Days, now + CacheFor);
            _cache[tenant] = cached;
        }
        return cached.Days is { } days ? now.AddDays(-days) : null;
    }

    /// <summary>Stores the tenant's retention and applies it on this node at once.</summary>
    public async Task<JournalRetentionRow> PutAsync(string tenant, int? days, CancellationToken ct = default)
    {
        var row = await store.PutAsync(tenant, days, ct);
        _cache[tenant] = (row.Days, time.GetUtcNow() + CacheFor);
        return row;
    }
}
