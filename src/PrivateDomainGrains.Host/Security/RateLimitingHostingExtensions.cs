using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Host.Security;

public static class RateLimitingHostingExtensions
{
    /// <summary>The sign-in route, limited per address more tightly than other routes: each attempt costs a password hash.</summary>
    public const string SignInPath = "/api/v1/auth/console-token";

    /// <summary>
    /// The platform's request limits (<see cref="RateLimitOptions"/>) as one chained global limiter: per client
    /// address; per key and per tenant on <c>/api/v1/tenants/{tenant}/...</c>; per address on sign-in. One tenant's
    /// flood spends its own buckets, not another tenant's.
    /// </summary>
    public static WebApplicationBuilder AddPlatformRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
        {
            var o = options.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    Bucket("address:" + Address(http), o.PerAddressPerSecond, o.PerAddressBurst)),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.Request.Path.StartsWithSegments(SignInPath)
                        ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(http), _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = o.SignInsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                        })
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    TenantOf(http) is { } tenant ? Bucket("tenant:" + tenant, o.PerTenantPerSecond, o.PerTenantBurst) : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    TenantOf(http) is not null && ApiKeys.BearerToken(http.Request) is { } key
                        ? Bucket("key:" + KeyId(key), o.PerKeyPerSecond, o.PerKeyBurst)
                        : RateLimitPartition.GetNoLimiter("")));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                return new ValueTask(Problems.TooManyRequests("Too many requests: slow down and retry after the time in Retry-After.", retryAfter)
                    .ExecuteAsync(context.HttpContext));
            };
        });
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The tenant of a <c>/api/v1/tenants/{tenant}/...</c> request, read from the path (routing has not run yet).</summary>
    private static string? TenantOf(HttpContext http)
    {
        var path = http.Request.Path.Value;
        const string prefix = "/api/v1/tenants/";
        if (path is null || !path.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var end = path.IndexOf('/', prefix.Length);
        var tenant = end < 0 ? path[prefix.Length..] : path[prefix.Length..end];
        return tenant.Length is > 0 and <= 128 ? tenant : null;
    }

    /// <summary>Keys are secrets: a partition is named by a short hash of the key, never the key itself.</summary>
    private static string KeyId(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12));
}
