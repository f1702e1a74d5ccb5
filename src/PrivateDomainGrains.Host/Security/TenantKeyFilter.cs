using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Guards every tenant-scoped route: a valid tenant id (400), then that tenant's key as a Bearer token (401). A tenant
/// that does not exist answers exactly like a wrong key, at the same cost, so the API does not tell which tenants
/// exist. Keys of one tenant never open another's routes. Besides the tenant's admin and integration keys, a named
/// key (<see cref="ScopedKeys"/>) opens the route when it has the scope the route needs (<see cref="ApiScopes.Required(Endpoint, string)"/>):
/// an open named key without it is a 403 naming the missing scope. An accepted request is then charged to the key's
/// and the tenant's rate limits (<see cref="TenantRateLimiter"/>, 429 with Retry-After over them).
/// </summary>
public sealed class TenantKeyFilter(TenantRole role) : IEndpointFilter
{
    /// <summary>Compared against when the tenant is unknown, so that an unknown tenant costs what a wrong key costs.</summary>
    private static readonly byte[] NoKeyHash = new byte[32];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenant = http.Request.RouteValues["tenant"] as string;
        if (!Ids.IsValid(tenant)) return Problems.InvalidId("tenant");
        var info = await http.RequestServices.GetRequiredService<TenantDirectory>().FindAsync(tenant!);
        var key = ApiKeys.BearerToken(http.Request) ?? "";
        var admin = ApiKeys.Matches(key, info?.AdminKeyHash ?? NoKeyHash);
        var integration = ApiKeys.Matches(key, info?.ApiKeyHash ?? NoKeyHash);
        if (info is not null && !admin && !integration && ScopedKeys.KeyIdOf(key) is not null)
            return await ScopedAsync(context, next, tenant!, key);
        if (info is null || !(admin || role == TenantRole.Integration && integration))
            return Problems.Unauthorized(role == TenantRole.Admin
                ? ApiPhrases.AdminKeyNeeded.Say(tenant)
                : ApiPhrases.ApiKeyNeeded.Say(tenant));
        http.Items[AuditFilter.ActorItem] = admin ? "admin-key" : "api-key";
        return Limited(http, tenant!, key) ?? await next(context);
    }

    private static async ValueTask<object?> ScopedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string tenant, string key)
    {
        var http = context.HttpContext;
        var named = await http.RequestServices.GetRequiredService<ScopedKeys>().FindAsync(tenant, key, http.RequestAborted);
        if (named is null) return Problems.Unauthorized(ApiPhrases.KeyNotOpen.Say(tenant));
        var required = ApiScopes.Required(http.GetEndpoint(), http.Request.Method);
        if (!ApiScopes.Allows(named.Scopes, required))
            return Problems.Forbidden(ApiPhrases.ScopeNeeded.Say(required, named.Name, named.KeyId, WordedList.Each(named.Scopes)));
        return Limited(http, tenant, key) ?? await next(context);
    }

    private static IResult? Limited(HttpContext http, string tenant, string key) =>
        http.RequestServices.GetRequiredService<TenantRateLimiter>().TryTake(tenant, key) is { } retryAfter
            ? Problems.TooManyRequests(ApiPhrases.TooManyRequests.Say(), retryAfter)
            : null;
}

public static class TenantKeyFilterExtensions
{
    public static TBuilder RequireTenantKey<TBuilder>(this TBuilder builder, TenantRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new TenantKeyFilter(role));
}
