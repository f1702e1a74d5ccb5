using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Request limits ("RateLimits" section, validated at start-up), enforced by ASP.NET Core's rate limiter with token
/// buckets (a burst is allowed, then the rate): per client address on every request, per key and per tenant on
/// tenant routes, per address on sign-in. Failed sign-ins are also limited per staff member (<see cref="SignInThrottle"/>).
/// Over a limit the answer is 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per second from one client address, on any route.</summary>
    [Range(1, 1_000_000)] public int PerAddressPerSecond { get; set; } = 1_000;
    [Range(1, 1_000_000)] public int PerAddressBurst { get; set; } = 2_000;

    /// <summary>Requests per second with one key (the Bearer token) on tenant routes; an events request holds up to 1,000 events.</summary>
    [Range(1, 1_000_000)] public int PerKeyPerSecond { get; set; } = 200;
    [Range(1, 1_000_000)] public int PerKeyBurst { get; set; } = 400;

    /// <summary>Requests per second to one tenant's routes, whatever the key.</summary>
    [Range(1, 1_000_000)] public int PerTenantPerSecond { get; set; } = 400;
    [Range(1, 1_000_000)] public int PerTenantBurst { get; set; } = 800;

    /// <summary>Sign-in attempts per minute from one client address.</summary>
    [Range(1, 100_000)] public int SignInsPerAddressPerMinute { get; set; } = 60;

    /// <summary>Failed sign-ins per minute for one staff member; past it, sign-in is refused for the rest of the minute.</summary>
    [Range(1, 1_000)] public int FailedSignInsPerStaffPerMinute { get; set; } = 5;
}
