using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Guards every tenant-scoped route: a valid tenant id (400), a tenant that exists (404), and that tenant's key as
/// a Bearer token (401). Keys of one tenant never open another's routes.
/// </summary>
public sealed class TenantKeyFilter(TenantRole role) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenant = http.Request.RouteValues["tenant"] as string;
        if (!Ids.IsValid(tenant)) return Problems.BadRequest(Ids.Describe("tenant"));
        var info = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenant!).GetAsync();
        if (info is null) return Problems.NotFound($"Tenant '{tenant}' does not exist");
        var key = ApiKeys.BearerToken(http.Request);
        var allowed = key is not null && (ApiKeys.Matches(key, info.AdminKeyHash) || role == TenantRole.Integration && ApiKeys.Matches(key, info.ApiKeyHash));
        if (!allowed)
            return Problems.Unauthorized(role == TenantRole.Admin
                ? $"This route needs tenant '{tenant}' admin key as 'Authorization: Bearer <key>'"
                : $"This route needs tenant '{tenant}' API key as 'Authorization: Bearer <key>'");
        return await next(context);
    }
}

public static class TenantKeyFilterExtensions
{
    public static TBuilder RequireTenantKey<TBuilder>(this TBuilder builder, TenantRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new TenantKeyFilter(role));
}
