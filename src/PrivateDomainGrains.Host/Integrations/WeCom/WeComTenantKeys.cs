using System.Collections.Concurrent;
using PrivateDomainGrains.Abstractions.Integrations;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// A tenant's callback crypto on this node. Asks the tenant's settings grain on every callback (one in-memory grain
/// call, so a change is seen at once on every node) but decrypts the secrets only when the settings changed.
/// </summary>
public sealed class WeComTenantKeys(IGrainFactory grains, WeComSettingsProtector protector)
{
    public sealed record TenantKeys(string CorpId, DateTimeOffset UpdatedAt, WeComCallbackCrypto Crypto);

    private readonly ConcurrentDictionary<string, TenantKeys> _cache = new(StringComparer.Ordinal);

    /// <summary>The tenant's keys, or null if it has no WeCom settings.</summary>
    public async Task<TenantKeys?> GetAsync(string tenant)
    {
        var settings = await grains.GetGrain<IWeComSettingsGrain>(tenant).GetAsync();
        if (settings is null) return null;
        if (_cache.TryGetValue(tenant, out var cached) && cached.UpdatedAt == settings.UpdatedAt && cached.CorpId == settings.CorpId) return cached;
        var (token, encodingAesKey) = protector.Unprotect(tenant, settings.ProtectedSecrets);
        var keys = new TenantKeys(settings.CorpId, settings.UpdatedAt, new WeComCallbackCrypto(token, encodingAesKey, settings.CorpId));
        _cache[tenant] = keys;
        return keys;
    }
}
