using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Security;

public static class RateLimitingHostingExtensions
{
    /// <summary>The sign-in route, limited per address more tightly than other routes: each attempt costs a password hash.</summary>
    public const string SignInPath = "/api/v1/auth/console-token";

    /// <summary>
    /// The platform's request limits (<see cref="RateLimitOptions"/>): per client address on every request and per
    /// address on sign-in, as one chained global limiter; per key and per tenant on <c>/api/v1/tenants/{tenant}/...</c>
    /// once the key has been accepted (<see cref="TenantRateLimiter"/>, from <see cref="TenantKeyFilter"/>). One
    /// tenant's flood spends its own buckets, not another tenant's; requests without a valid key spend only their
    /// address's.
    /// </summary>
    public static WebApplicationBuilder AddPlatformRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<TenantRateLimiter>();
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
                        : RateLimitPartition.GetNoLimiter("")));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                return new ValueTask(Problems.TooManyRequests(ApiPhrases.TooManyRequests.Say(), retryAfter)
                    .ExecuteAsync(context.HttpContext));
            };
        });
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }

    /// <summary>A token bucket named <paramref name="key"/>: <paramref name="burst"/> at once, then <paramref name="perSecond"/>.</summary>
    internal static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Keys are secrets: a partition is named by a short hash of the key, never the key itself.</summary>
    internal static string KeyId(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12));
}
