using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>The tenant's staff: who may sign in to the console, and who owns customers (admin key).</summary>
public static class StaffApi
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 100;

    /// <summary>A new staff member. Declared as the contract reads; the handler checks every field (400 naming it).</summary>
    /// <param name="StaffId">1-128 letters, digits and <c>-_.:@</c>; events and WeCom callbacks name staff by it.</param>
    /// <param name="Password">The console password, 8-256 characters; stored as a PBKDF2 hash.</param>
    /// <param name="Name">Display name, at most 100 characters; the staff id when absent.</param>
    /// <param name="Role"><c>staff</c> (the default), <c>manager</c> (sees their team's queue, customers and figures) or <c>admin</c> (the tenant's).</param>
    /// <param name="Team">The team, 1-128 letters, digits and <c>-_.:@</c>; none when absent.</param>
    public sealed record CreateStaffRequest(string StaffId, string Password, string? Name = null, string? Role = null, string? Team = null);

    /// <summary>Changes to a staff member; an absent field stays as it is, an empty <see cref="Team"/> clears it.</summary>
    /// <param name="Name">Display name, at most 100 characters.</param>
    /// <param name="Role"><c>staff</c>, <c>manager</c> or <c>admin</c>.</param>
    /// <param name="Team">The team (1-128 letters, digits and <c>-_.:@</c>), or "" for none.</param>
    public sealed record UpdateStaffRequest(string? Name = null, string? Role = null, string? Team = null);

    /// <summary>The tenant's staff, every one, in the order they were created.</summary>
    public sealed record StaffList(IReadOnlyList<StaffView> Items);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/tenants/{tenant}/staff").WithTags("Staff").RequireAdminKey();
        staff.MapPost("", CreateAsync).WithName("CreateStaff").Audited()
            .WithSummary("Create a staff member with a console password.")
            .WithJsonBody<CreateStaffRequest>()
            .WithProblem(StatusCodes.Status409Conflict, "A staff member with this id exists");
        staff.MapPut("/{staffId}", UpdateAsync).WithName("UpdateStaff").Audited()
            .WithSummary("Change a staff member's name, role or team; a change of role or team applies to their next request.")
            .WithJsonBody<UpdateStaffRequest>()
            .WithProblem(StatusCodes.Status404NotFound, "No such staff member in the tenant");
        staff.MapGet("", ListAsync).WithName("ListStaff")
            .WithSummary("List the tenant's staff.");
        staff.MapPost("/{staffId}/disable", DisableAsync).WithName("DisableStaff").Audited()
            .WithSummary("Disable a staff member: sign-in is refused and every session ends at once (tokens stop working, consoles close).")
            .WithProblem(StatusCodes.Status400BadRequest, "The staff id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such staff member in the tenant");
        staff.MapPost("/{staffId}/enable", EnableAsync).WithName("EnableStaff").Audited()
            .WithSummary("Let a disabled staff member sign in again.")
            .WithProblem(StatusCodes.Status400BadRequest, "The staff id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such staff member in the tenant");
        return api;
    }

    private static async Task<Results<Created<StaffView>, ProblemHttpResult>> CreateAsync(
        string tenant, HttpRequest request, IGrainFactory grains, IPasswordHasher<StaffCredentials> hasher)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateStaffRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.StaffId)) return Problems.InvalidId("staffId");
        if (body.Password is null || body.Password.Length is < MinPasswordLength or > MaxPasswordLength)
            return Problems.BadRequest("password", ApiPhrases.Password.Say(MinPasswordLength, MaxPasswordLength));
        if (TextFields.Problem("name", body.Name, MaxNameLength) is { } nameProblem) return nameProblem;
        if (RoleOrTeamProblem(body.Role, body.Team, allowEmptyTeam: false) is { } roleProblem) return roleProblem;
        var name = string.IsNullOrWhiteSpace(body.Name) ? body.StaffId : body.Name.Trim();
        var staff = grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, body.StaffId));
        var hash = hasher.HashPassword(new StaffCredentials(body.StaffId, ""), body.Password);
        if (!await staff.CreateAsync(name, hash, body.Role ?? StaffRoles.Staff, body.Team)) return Problems.Conflict(ApiPhrases.StaffExists.Say(body.StaffId));
        return TypedResults.Created($"/api/v1/tenants/{tenant}/staff/{body.StaffId}", await staff.GetAsync());
    }

    private static async Task<Results<Ok<StaffView>, ProblemHttpResult>> UpdateAsync(string tenant, string staffId, HttpRequest request, IGrainFactory grains)
    {
        if (!Ids.IsValid(staffId)) return Problems.InvalidId("staffId");
        var (body, problem) = await JsonBody.ReadAsync<UpdateStaffRequest>(request);
        if (body is null) return problem!;
        if (body.Name is not null && (string.IsNullOrWhiteSpace(body.Name) || TextFields.Problem("name", body.Name, MaxNameLength) is not null))
            return TextFields.Problem("name", body.Name, MaxNameLength) ?? Problems.BadRequest("name", ApiPhrases.FieldBlank.Say("name"));
        if (RoleOrTeamProblem(body.Role, body.Team, allowEmptyTeam: true) is { } roleProblem) return roleProblem;
        var updated = await grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId)).UpdateAsync(body.Name?.Trim(), body.Role, body.Team);
        return updated is null ? Problems.NotFound(ApiPhrases.NoStaff.Say(staffId, tenant)) : TypedResults.Ok(updated);
    }

    private static ProblemHttpResult? RoleOrTeamProblem(string? role, string? team, bool allowEmptyTeam)
    {
        if (role is not null && !StaffRoles.IsValid(role)) return Problems.BadRequest("role", ApiPhrases.FieldOneOf.Say("role", WordedList.Each(StaffRoles.All)));
        if (team is not null && !(allowEmptyTeam && team.Length == 0) && !Ids.IsValid(team)) return Problems.InvalidId("team");
        return null;
    }

    private static async Task<Ok<StaffList>> ListAsync(string tenant, IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ITenantGrain>(tenant).GetStaffIdsAsync();
        var staff = await Task.WhenAll(ids.Select(id => grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, id)).GetAsync()));
        return TypedResults.Ok(new StaffList([.. staff.OfType<StaffView>()]));
    }

    private static Task<Results<Ok<StaffView>, ProblemHttpResult>> DisableAsync(string tenant, string staffId, IGrainFactory grains) =>
        SetDisabledAsync(tenant, staffId, grains, disabled: true);

    private static Task<Results<Ok<StaffView>, ProblemHttpResult>> EnableAsync(string tenant, string staffId, IGrainFactory grains) =>
        SetDisabledAsync(tenant, staffId, grains, disabled: false);

    private static async Task<Results<Ok<StaffView>, ProblemHttpResult>> SetDisabledAsync(string tenant, string staffId, IGrainFactory grains, bool disabled)
    {
        if (!Ids.IsValid(staffId)) return Problems.InvalidId("staffId");
        var staff = grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId));
        var found = disabled ? await staff.DisableAsync() : await staff.EnableAsync();
        // Someone back from a departure acts for themself again: events naming them are theirs.
        if (found && !disabled) await grains.GetGrain<ITenantGrain>(tenant).SetSuccessorAsync(staffId, null);
        return found ? TypedResults.Ok(await staff.GetAsync()) : Problems.NotFound(ApiPhrases.NoStaff.Say(staffId, tenant));
    }
}
