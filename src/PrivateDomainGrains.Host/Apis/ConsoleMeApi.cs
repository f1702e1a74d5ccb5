using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>Who the console is signed in as (console token): what the console shows in its header and which screens it offers.</summary>
public static class ConsoleMeApi
{
    /// <param name="Name">The display name the roster has.</param>
    /// <param name="Role"><c>staff</c>, <c>manager</c> (sees the team's customers) or <c>admin</c> (the tenant's), as the roster has it now.</param>
    /// <param name="Team">The staff member's team; null: none.</param>
    public sealed record ConsoleMe(string Tenant, string StaffId, string Name, string Role, string? Team);

    public static RouteGroupBuilder MapConsoleMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/console/me", GetAsync).WithName("GetConsoleMe").WithTags("Console").RequireConsoleToken()
            .WithSummary("The signed-in staff member: tenant, id, name, role and team.");
        return api;
    }

    private static async Task<Ok<ConsoleMe>> GetAsync(ConsoleUser user, IGrainFactory grains)
    {
        var staff = await grains.GetGrain<IStaffGrain>(GrainKeys.For(user.Tenant, user.StaffId)).GetAsync();
        return TypedResults.Ok(new ConsoleMe(user.Tenant, user.StaffId, staff?.Name ?? user.StaffId, user.Role, user.Team));
    }
}
