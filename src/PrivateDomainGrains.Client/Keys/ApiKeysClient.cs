using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/keys</c>: the tenant's named API keys with scopes (admin key). Use a named key as <see cref="PrivateDomainGrainsClientOptions.ApiKey"/>.</summary>
public sealed class ApiKeysClient
{
    private readonly PlatformHttp _http;

    internal ApiKeysClient(PlatformHttp http) => _http = http;

    /// <summary>Makes a named key (<c>CreateApiKey</c>); the answer's key is shown this once. Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 naming <c>name</c>, <c>scopes</c> or <c>expiresAt</c>; 409 when the tenant has as many open keys as allowed.</exception>
    public Task<ApiKeyIssued> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("keys"), _http.AdminKey, PlatformHttp.Json(request, ClientJson.Default.CreateApiKeyRequest),
            idempotent: false, ClientJson.Default.ApiKeyIssued, cancellationToken);

    /// <summary>The tenant's named keys, open and closed (<c>ListApiKeys</c>).</summary>
    public Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("keys"), _http.AdminKey, null, idempotent: true, ClientJson.Default.IReadOnlyListApiKeyView,
            cancellationToken);

    /// <summary>Replaces a key by a new one with its name and scopes; the old one works <paramref name="overlapMinutes"/> more (60 by default) (<c>RotateApiKey</c>).</summary>
    /// <exception cref="PlatformApiException">404 when the key is not open; 400 when the overlap is not 0-10080 minutes.</exception>
    public Task<ApiKeyIssued> RotateAsync(string keyId, int? overlapMinutes = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"keys/{PlatformHttp.Escape(keyId)}/rotate") + (overlapMinutes is { } m ? $"?overlapMinutes={m}" : ""),
            _http.AdminKey, null, idempotent: false, ClientJson.Default.ApiKeyIssued, cancellationToken);

    /// <summary>Revokes a key at once (other nodes within 5 seconds); it stays listed (<c>RevokeApiKey</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such key.</exception>
    public Task<ApiKeyView> RevokeAsync(string keyId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, _http.TenantPath($"keys/{PlatformHttp.Escape(keyId)}"), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.ApiKeyView, cancellationToken);
}
