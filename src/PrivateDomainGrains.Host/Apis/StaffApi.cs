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

    public sealed record CreateStaffRequest(string? StaffId, string? Name, string? Password);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/tenants/{tenant}/staff").RequireTenantKey(TenantRole.Admin);
        staff.MapPost("", CreateAsync).WithSummary("Create a staff member with a console password (admin key).")
            .Produces<StaffView>(StatusCodes.Status201Created);
        staff.MapGet("", ListAsync).WithSummary("List the tenant's staff (admin key).").Produces<StaffView[]>();
        return api;
    }

    private static async Task<IResult> CreateAsync(string tenant, HttpRequest request, IGrainFactory grains, IPasswordHasher<StaffCredentials> hasher)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateStaffRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.StaffId)) return Problems.BadRequest(Ids.Describe("staffId"));
        if (body.Password is null || body.Password.Length < MinPasswordLength)
            return Problems.BadRequest($"'password' must be at least {MinPasswordLength} characters");
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
}
