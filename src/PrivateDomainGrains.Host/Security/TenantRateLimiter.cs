using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// The per-key and per-tenant limits of <see cref="RateLimitOptions"/>, charged by <see cref="TenantKeyFilter"/> only
/// after it has accepted the request's key for the tenant named by the matched route (so the limit holds however the
/// path is cased, and a client without a valid key cannot spend a tenant's requests: it spends only its address's).
/// The key's bucket is tried first, so that a key over its own limit does not drain its tenant's.
/// </summary>
public sealed class TenantRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string Tenant, string Key)> _limiter;

    public TenantRateLimiter(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<(string Tenant, string Key), string>(request =>
                RateLimitingHostingExtensions.Bucket("key:" + RateLimitingHostingExtensions.KeyId(request.Key), o.PerKeyPerSecond, o.PerKeyBurst)),
            PartitionedRateLimiter.Create<(string Tenant, string Key), string>(request =>
                RateLimitingHostingExtensions.Bucket("tenant:" + request.Tenant, o.PerTenantPerSecond, o.PerTenantBurst)));
    }

    /// <summary>Takes one request from the key's and the tenant's buckets: null if taken, else how long to wait before retrying.</summary>
    public TimeSpan? TryTake(string tenant, string key)
    {
        using var lease = _limiter.AttemptAcquire((tenant, key));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
