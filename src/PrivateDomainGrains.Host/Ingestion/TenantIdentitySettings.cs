using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Each tenant's identity settings as this node applies them: the tenant's row (<see cref="IdentitySettingsStore"/>) or
/// the node's <see cref="IdentityOptions"/>. Cached per node for <see cref="CacheFor"/>, so a change reaches every node
/// within that time (the node that stored it at once).
/// </summary>
public sealed class TenantIdentitySettings(IdentitySettingsStore store, IOptions<IdentityOptions> options, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>What resolution uses for one tenant: the normaliser for its region and the types that create customers.</summary>
    /// <param name="Custom">False when the tenant has no settings of its own (the node's apply).</param>
    public sealed record Applied(IdentityNormalizer Normalizer, IReadOnlySet<string> CreateCustomerOn, bool Custom, DateTimeOffset? UpdatedAt)
    {
        public bool CreatesCustomer(string eventType) => CreateCustomerOn.Contains(eventType);
    }

    private readonly ConcurrentDictionary<string, (Applied Settings, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdentityNormalizer> _normalizers = new(StringComparer.Ordinal);

    public async Task<Applied> GetAsync(string tenant, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(tenant, out var cached) && cached.Until > now) return cached.Settings;
        var applied = From(await store.GetAsync(tenant, ct));
        _cache[tenant] = (applied, now + CacheFor);
        return applied;
    }

    /// <summary>Stores the tenant's settings and applies them on this node at once.</summary>
    public async Task<Applied> PutAsync(string tenant, string defaultRegion, IReadOnlyList<string> createCustomerOn, CancellationToken ct = default)
    {
        var applied = From(await store.PutAsync(tenant, defaultRegion.ToUpperInvariant(), createCustomerOn, ct));
        _cache[tenant] = (applied, time.GetUtcNow() + CacheFor);
        return applied;
    }

    private Applied From(IdentitySettingsRow? row)
    {
        var region = row?.DefaultRegion ?? options.Value.DefaultRegion.ToUpperInvariant();
        var normalizer = _normalizers.GetOrAdd(region, r => new IdentityNormalizer(r));
        return new Applied(normalizer, (row?.CreateCustomerOn ?? options.Value.CreateCustomerOn).ToHashSet(StringComparer.Ordinal), row is not null, row?.UpdatedAt);
    }
}
