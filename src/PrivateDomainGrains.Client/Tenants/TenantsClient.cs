using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants</c> (operator key).</summary>
public sealed class TenantsClient
{
    private readonly PlatformHttp _http;

    internal TenantsClient(PlatformHttp http) => _http = http;

    /// <summary>
    /// Creates a tenant and returns its integration and admin keys, once (<c>CreateTenant</c>). Not resent after a
    /// transient failure: a second attempt would answer 409 and the first one's keys would be lost.
    /// </summary>
    /// <exception cref="PlatformApiException">409 when the tenant exists; 400 naming an invalid field.</exception>
    public Task<CreatedTenant> CreateAsync(string tenant, string? name = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/tenants", _http.OperatorKey,
            PlatformHttp.Json(new CreateTenantRequest(tenant, name), ClientJson.Default.CreateTenantRequest), idempotent: false,
            ClientJson.Default.CreatedTenant, cancellationToken);
}
