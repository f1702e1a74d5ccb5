using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/integrations/wecom</c>: the tenant's WeCom callback settings (admin key).</summary>
public sealed class WeComClient
{
    private readonly PlatformHttp _http;

    internal WeComClient(PlatformHttp http) => _http = http;

    /// <summary>Whether the secrets are set, the CorpID, and what the callbacks did lately (<c>GetWeComSettings</c>).</summary>
    public Task<WeComSettingsView> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("integrations/wecom"), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.WeComSettingsView, cancellationToken);

    /// <summary>Stores the Token, EncodingAESKey and CorpID, encrypted (<c>PutWeComSettings</c>).</summary>
    /// <exception cref="PlatformApiException">400 whose <see cref="ApiProblem.Errors"/> name the invalid fields; nothing is stored.</exception>
    public Task<WeComSettingsView> PutSettingsAsync(string corpId, string token, string encodingAesKey, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, _http.TenantPath("integrations/wecom"), _http.AdminKey,
            PlatformHttp.Json(new WeComSettingsRequest(corpId, token, encodingAesKey), ClientJson.Default.WeComSettingsRequest), idempotent: true,
            ClientJson.Default.WeComSettingsView, cancellationToken);
}
