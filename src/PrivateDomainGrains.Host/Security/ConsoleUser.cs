using System.Reflection;
using System.Security.Claims;
using PrivateDomainGrains.Abstractions.Staff;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// The staff member a console request is from: tenant and staff id from the console token, role and team as the
/// roster has them now (<see cref="SecurityHostingExtensions"/> adds them when the token is validated). Console
/// routes take it as a parameter. What they may see: a staff member their own customers and queue, a manager their
/// team's, an admin the tenant's.
/// </summary>
public sealed record ConsoleUser(string Tenant, string StaffId, string Role, string? Team)
{
    public const string RoleClaim = "pdg.role";
    public const string TeamClaim = "pdg.team";

    /// <summary>A manager or an admin: sees more than their own queue (their team's, or the tenant's).</summary>
    public bool IsManager => Role is StaffRoles.Manager or StaffRoles.Admin;

    public bool IsAdmin => Role == StaffRoles.Admin;

    /// <summary>Whether this user may see what <paramref name="staffId"/> (in <paramref name="team"/>) owns or is addressed.</summary>
    public bool CanSee(string staffId, string? team) =>
        staffId == StaffId || IsAdmin || (Role == StaffRoles.Manager && Team is not null && team == Team);

    /// <summary>The claims <see cref="From"/> reads besides the token's own.</summary>
    public static ClaimsIdentity RosterIdentity(StaffCredentials staff) =>
        new([new Claim(RoleClaim, staff.Role), .. staff.Team is { } team ? new[] { new Claim(TeamClaim, team) } : []]);

    /// <summary>The console user of an authenticated principal, or null when it is not one.</summary>
    public static ConsoleUser? From(ClaimsPrincipal principal) =>
        principal.FindFirst(ConsoleTokens.TenantClaim)?.Value is { } tenant && principal.FindFirst(ConsoleTokens.StaffClaim)?.Value is { } staffId
            ? new ConsoleUser(tenant, staffId, principal.FindFirst(RoleClaim)?.Value ?? StaffRoles.Staff, principal.FindFirst(TeamClaim)?.Value)
            : null;

    /// <summary>Minimal-API binding: a route that takes a <see cref="ConsoleUser"/> must also <c>RequireConsoleToken()</c>.</summary>
    public static ValueTask<ConsoleUser?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(From(context.User));
}
