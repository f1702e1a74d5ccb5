using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/audit</c>: the tenant's administrative actions (admin key).</summary>
public sealed class AuditClient
{
    private readonly PlatformHttp _http;

    internal AuditClient(PlatformHttp http) => _http = http;

    /// <summary>
    /// Actions newest first, <paramref name="limit"/> (1-500, 100 by default) older than <paramref name="before"/>, of
    /// one customer when <paramref name="customerId"/> is given (<c>ListAudit</c>).
    /// </summary>
    public Task<AuditPage> ListAsync(string? customerId = null, long? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[]
        {
            customerId is null ? null : $"customerId={PlatformHttp.Escape(customerId)}", before is { } b ? $"before={b}" : null, limit is { } l ? $"limit={l}" : null,
        }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, _http.TenantPath("audit") + (query.Length > 0 ? "?" + query : ""), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.AuditPage, cancellationToken);
    }
}
