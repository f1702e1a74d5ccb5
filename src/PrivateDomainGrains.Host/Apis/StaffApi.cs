using Microsoft.AspNetCore.Identity;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

public static class StaffApi
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 100;

    public sealed record CreateStaffRequest(string? StaffId, string? Name, string? Password);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/tenants/{tenant}/staff").RequireTenantKey(TenantRole.Admin);
        staff.MapPost("", CreateAsync).WithSummary("Create a staff member with a console password (admin key).")
            .Produces<StaffView>(StatusCodes.Status201Created);
        staff.MapGet("", ListAsync).WithSummary("List the tenant's staff (admin key).").Produces<StaffView[]>();
        staff.MapPost("/{staffId}/disable", DisableAsync)
            .WithSummary("Disable a staff member (admin key): sign-in is refused and every session ends at once (tokens stop working, consoles close).")
            .Produces<StaffView>();
        staff.MapPost("/{staffId}/enable", EnableAsync).WithSummary("Let a disabled staff member sign in again (admin key).").Produces<StaffView>();
        return api;
    }

    private static async Task<IResult> CreateAsync(string tenant, HttpRequest request, IGrainFactory grains, IPasswordHasher<StaffCredentials> hasher)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateStaffRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.StaffId)) return Problems.BadRequest(Ids.Describe("staffId"));
        if (body.Password is null || body.Password.Length is < MinPasswordLength or > MaxPasswordLength)
            return Problems.BadRequest($"'password' must be {MinPasswordLength}-{MaxPasswordLength} characters");
        if (TextFields.Problem("name", body.Name, MaxNameLength) is { } nameProblem) return nameProblem;
        var name = string.IsNullOrWhiteSpace(body.Name) ? body.StaffId! : body.Name.Trim();
        var staff = grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, body.StaffId!));
        var hash = hasher.HashPassword(new StaffCredentials(body.StaffId!, ""), body.Password);
        if (!await staff.CreateAsync(name, hash)) return Problems.Conflict($"Staff '{body.StaffId}' already exists");
        return TypedResults.Created($"/api/v1/tenants/{tenant}/staff/{body.StaffId}", await staff.GetAsync());
    }

    private static async Task<IResult> ListAsync(string tenant, IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ITenantGrain>(tenant).GetStaffIdsAsync();
        var staff = await Task.WhenAll(ids.Select(id => grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, id)).GetAsync()));
        return TypedResults.Ok(staff.OfType<StaffView>().ToArray());
    }

    private static Task<IResult> DisableAsync(string tenant, string staffId, IGrainFactory grains) =>
        SetDisabledAsync(tenant, staffId, grains, disabled: true);

    private static Task<IResult> EnableAsync(string tenant, string staffId, IGrainFactory grains) =>
        SetDisabledAsync(tenant, staffId, grains, disabled: false);

    private static async Task<IResult> SetDisabledAsync(string tenant, string staffId, IGrainFactory grains, bool disabled)
    {
        if (!Ids.IsValid(staffId)) return Problems.BadRequest(Ids.Describe("staffId"));
        var staff = grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId));
        var found = disabled ? await staff.DisableAsync() : await staff.EnableAsync();
        return found ? TypedResults.Ok(await staff.GetAsync()) : Problems.NotFound($"Staff '{staffId}' is not a staff member of tenant '{tenant}'");
    }
}
