using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Failed sign-ins per staff member (<see cref="RateLimitOptions.FailedSignInsPerStaffPerMinute"/> per minute): past
/// the limit every attempt for that staff member, right password or not, is refused until the window ends. Whether the
/// staff member exists makes no difference, so the throttle reveals nothing either.
/// </summary>
public sealed class SignInThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedSignInsPerStaffPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the staff member may try to sign in now, else how long to wait.</summary>
    public TimeSpan? Blocked(string tenant, string staffId)
    {
        using var lease = _failures.AttemptAcquire(Key(tenant, staffId), permitCount: 0);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    /// <summary>Counts a failed attempt.</summary>
    public void Failed(string tenant, string staffId) => _failures.AttemptAcquire(Key(tenant, staffId)).Dispose();

    public void Dispose() => _failures.Dispose();

    private static string Key(string tenant, string staffId) => tenant + "/" + staffId;
}
