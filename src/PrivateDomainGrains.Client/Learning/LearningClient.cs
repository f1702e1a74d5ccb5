using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/learning</c> (integration key).</summary>
public sealed class LearningClient
{
    private readonly PlatformHttp _http;

    internal LearningClient(PlatformHttp http) => _http = http;

    /// <summary>What the tenant's propensity model has learned from nudge outcomes (<c>GetLearning</c>).</summary>
    public Task<LearningView> GetAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("learning"), _http.IntegrationKey, null, idempotent: true,
            ClientJson.Default.LearningView, cancellationToken);
}
