using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Named API keys: <c>pdg_sk_{keyId}_{secret}</c>, keyId 16 hex digits, secret 32 random bytes in base64url; only the
/// key's SHA-256 is stored (<see cref="ApiKeys"/>). A key names its own id, so checking it is one cached lookup and a
/// constant-time comparison. This node caches what it read for <see cref="TenantDirectory.Freshness"/>, so a
/// revocation or the end of a rotation's overlap reaches other nodes within that time (this node at once).
/// </summary>
public sealed class ScopedKeys(ApiKeyStore store, TimeProvider time, ILogger<ScopedKeys> logger)
{
    public const string Prefix = "pdg_sk_";
    private const int KeyIdLength = 16;
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _keys = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _touched = new();

    /// <summary>A new key: its id, the key to show once, and the hash to store.</summary>
    public static (string KeyId, string Key, byte[] Hash) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var key = ApiKeys.Generate($"{Prefix}{keyId}_");
        return (keyId, key, ApiKeys.Hash(key));
    }

    /// <summary>The key id a presented key names, or null when it is not a named key.</summary>
    public static string? KeyIdOf(string presented) =>
        presented.Length > Prefix.Length + KeyIdLength + 1 && presented.StartsWith(Prefix, StringComparison.Ordinal) && presented[Prefix.Length + KeyIdLength] == '_'
            ? presented.Substring(Prefix.Length, KeyIdLength)
            : null;

    /// <summary>The open key of the tenant that <paramref name="presented"/> is, or null (unknown, wrong, revoked, expired).</summary>
    public async ValueTask<ApiKeyRow?> FindAsync(string tenant, string presented, CancellationToken ct)
    {
        if (KeyIdOf(presented) is not { } keyId) return null;
        if (!_keys.TryGetValue((tenant, keyId), out ApiKeyRow? row))
        {
            row = await store.GetAsync(tenant, keyId, ct);
            _keys.Set((tenant, keyId), row, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TenantDirectory.Freshness, Size = 1 });
        }
        var now = time.GetUtcNow();
        if (row is null || !ApiKeys.Matches(presented, row.KeyHash) || !row.IsActive(now)) return null;
        Touch(row, now);
        return row;
    }

    /// <summary>Forgets what this node cached of the key (after a change here).</summary>
    public void Forget(string tenant, string keyId) => _keys.Remove((tenant, keyId));

    /// <summary>Records the use, at most once a minute per key on this node, without holding up the request.</summary>
    private void Touch(ApiKeyRow row, DateTimeOffset now)
    {
        var key = (row.Tenant, row.KeyId);
        if (_touched.TryGetValue(key, out var last) && now - last < TouchEvery) return;
        _touched[key] = now;
        _ = TouchAsync(row);
    }

    private async Task TouchAsync(ApiKeyRow row)
    {
        try
        {
            await store.TouchAsync(row.Tenant, row.KeyId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the use of API key {KeyId} of tenant {Tenant}", row.KeyId, row.Tenant);
        }
    }
}
