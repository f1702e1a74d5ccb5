using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// <c>/api/v1/tenants/{tenant}/keys</c>: the tenant's named API keys with scopes (admin key), or <c>/api/v1/console/keys</c>
/// with an admin's console token (<see cref="WorkbenchClient.Keys"/>: the same routes, the console's operation names, 403
/// for anyone else). Use a named key as <see cref="PrivateDomainGrainsClientOptions.ApiKey"/>.
/// </summary>
public sealed class ApiKeysClient
{
    private readonly PlatformHttp _http;
    private readonly bool _console;

    internal ApiKeysClient(PlatformHttp http, bool console = false) => (_http, _console) = (http, console);

    private string Key => _console ? _http.ConsoleToken : _http.AdminKey;

    private string Path(string rest = "") => (_console ? "api/v1/console/keys" : _http.TenantPath("keys")) + rest;

    /// <summary>Makes a named key (<c>CreateApiKey</c>; <c>CreateConsoleApiKey</c>); the answer's key is shown this once. Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 naming <c>name</c>, <c>scopes</c> or <c>expiresAt</c>; 409 when the tenant has as many open keys as allowed.</exception>
    public Task<ApiKeyIssued> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(), Key, PlatformHttp.Json(request, ClientJson.Default.CreateApiKeyRequest),
            idempotent: false, ClientJson.Default.ApiKeyIssued, cancellationToken);

    /// <summary>The tenant's named keys, open and closed (<c>ListApiKeys</c>; <c>ListConsoleApiKeys</c>).</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _http.SendAsync(HttpMethod.Get, Path(), Key, null, idempotent: true, ClientJson.Default.ApiKeyList, cancellationToken)).Items;

    /// <summary>Replaces a key by a new one with its name and scopes; the old one works <paramref name="overlapMinutes"/> more (60 by default) (<c>RotateApiKey</c>; <c>RotateConsoleApiKey</c>).</summary>
    /// <exception cref="PlatformApiException">404 when the key is not open; 400 when the overlap is not 0-10080 minutes.</exception>
    public Task<ApiKeyIssued> RotateAsync(string keyId, int? overlapMinutes = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path($"/{PlatformHttp.Escape(keyId)}/rotate") + (overlapMinutes is { } m ? $"?overlapMinutes={m}" : ""),
            Key, null, idempotent: false, ClientJson.Default.ApiKeyIssued, cancellationToken);

    /// <summary>Revokes a key at once (other nodes within 5 seconds); it stays listed (<c>RevokeApiKey</c>; <c>RevokeConsoleApiKey</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such key.</exception>
    public Task<ApiKeyView> RevokeAsync(string keyId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path($"/{PlatformHttp.Escape(keyId)}"), Key, null, idempotent: true,
            ClientJson.Default.ApiKeyView, cancellationToken);
}
