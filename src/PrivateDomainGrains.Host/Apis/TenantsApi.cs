using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>Tenants: one per customer organisation, each with its own keys, staff, customers and playbook (operator key).</summary>
public static class TenantsApi
{
    /// <summary>A new tenant. Declared as the contract reads; the handler checks every field (400 naming it).</summary>
    /// <param name="Tenant">The tenant id: 1-128 letters, digits and <c>-_.:@</c>; every tenant route names it.</param>
    /// <param name="Name">Display name, at most 100 characters; the tenant id when absent.</param>
    public sealed record CreateTenantRequest(string Tenant, string? Name = null);

    /// <summary>The keys are shown here once and never again; only their hashes are stored.</summary>
    public sealed record CreatedTenant(string Tenant, string Name, string ApiKey, string AdminKey);

    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants").RequireOperatorKey();
        tenants.MapPost("", CreateAsync).WithName("CreateTenant")
            .WithSummary("Create a tenant. Returns its integration API key and admin key, once.")
            .WithJsonBody<CreateTenantRequest>()
            .WithProblem(StatusCodes.Status409Conflict, "A tenant with this id exists");
        return api;
    }

    private static async Task<Results<Created<CreatedTenant>, ProblemHttpResult>> CreateAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTenantRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.Tenant)) return Problems.InvalidId("tenant");
        if (TextFields.Problem("name", body.Name, StaffApi.MaxNameLength) is { } nameProblem) return nameProblem;
        var created = await TenantProvisioning.CreateAsync(grains, body.Tenant, body.Name);
        return created is null
            ? Problems.Conflict(ApiPhrases.TenantExists.Say(body.Tenant))
            : TypedResults.Created($"/api/v1/tenants/{created.Tenant}", created);
    }
}

/// <summary>Creates tenants with fresh keys, or with given keys (the demo tenant's are configured).</summary>
public static class TenantProvisioning
{
    public static async Task<TenantsApi.CreatedTenant?> CreateAsync(IGrainFactory grains, string tenant, string? name, string? apiKey = null, string? adminKey = null)
    {
        apiKey ??= ApiKeys.Generate("pdg_api_");
        adminKey ??= ApiKeys.Generate("pdg_adm_");
        name = string.IsNullOrWhiteSpace(name) ? tenant : name.Trim();
        var created = await grains.GetGrain<ITenantGrain>(tenant).CreateAsync(name, ApiKeys.Hash(apiKey), ApiKeys.Hash(adminKey));
        return created ? new TenantsApi.CreatedTenant(tenant, name, apiKey, adminKey) : null;
    }
}
