using System.Security.Claims;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;

namespace PrivateDomainGrains.Host.Security;

/// <summary>Whether a console token's session is still live: checked on every request and hub connection.</summary>
public static class ConsoleSessions
{
    /// <summary>
    /// The staff member's credentials when they exist, are enabled and the token's session was not ended; else null
    /// and why not.
    /// </summary>
    public static async Task<(StaffCredentials? Staff, string? Problem)> ValidateAsync(ClaimsPrincipal? principal, IGrainFactory grains)
    {
        var tenant = principal?.FindFirst(ConsoleTokens.TenantClaim)?.Value;
        var staffId = principal?.FindFirst(ConsoleTokens.StaffClaim)?.Value;
        if (tenant is null || staffId is null || !int.TryParse(principal!.FindFirst(ConsoleTokens.SessionClaim)?.Value, out var generation))
            return (null, "The token names no tenant, staff member or session");
        var staff = await grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId)).GetCredentialsAsync();
        if (staff is null || staff.Disabled) return (null, "The staff member does not exist or is disabled");
        return staff.SessionGeneration == generation ? (staff, null) : (null, "The session was ended: sign in again");
    }
}
