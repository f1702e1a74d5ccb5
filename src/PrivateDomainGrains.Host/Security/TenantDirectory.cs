using Microsoft.Extensions.Caching.Memory;
using PrivateDomainGrains.Abstractions.Tenants;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// This node's recent view of tenants and their key hashes, so that checking a request's key costs no grain call,
/// keeps working for a few seconds while the tenant's grain is moving after a node loss, and a probe for a tenant that
/// does not exist activates nothing after the first. Entries live <see cref="Freshness"/>: a key change reaches every
/// node within it.
/// </summary>
public sealed class TenantDirectory(IGrainFactory grains)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private const int MaxTenants = 100_000;

    private readonly MemoryCache _tenants = new(new MemoryCacheOptions { SizeLimit = MaxTenants });

    /// <summary>The tenant, or null if it does not exist.</summary>
    public async ValueTask<TenantInfo?> FindAsync(string tenant)
    {
        if (_tenants.TryGetValue(tenant, out TenantInfo? info)) return info;
        info = await grains.GetGrain<ITenantGrain>(tenant).GetAsync();
        _tenants.Set(tenant, info, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Freshness, Size = 1 });
        return info;
    }
}
