using System.Text;
using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/playbook</c>: the rules every customer's next-best-action is decided by.</summary>
public sealed class PlaybookClient
{
    private readonly PlatformHttp _http;

    internal PlaybookClient(PlatformHttp http) => _http = http;

    /// <summary>The current playbook and its version (<c>GetPlaybook</c>, integration key).</summary>
    public Task<PlaybookResponse> GetAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("playbook"), _http.IntegrationKey, null, idempotent: true,
            ClientJson.Default.PlaybookResponse, cancellationToken);

    /// <summary>Replaces the playbook with the JSON document <paramref name="playbookJson"/> (<c>PutPlaybook</c>, admin key); every node uses it within seconds.</summary>
    /// <exception cref="PlatformApiException">400 listing every error in <see cref="ApiProblem.Errors"/> by JSON path; nothing is stored.</exception>
    public Task<PlaybookStored> PutAsync(string playbookJson, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, _http.TenantPath("playbook"), _http.AdminKey,
            new StringContent(playbookJson, Encoding.UTF8, "application/json"), idempotent: true,
            ClientJson.Default.PlaybookStored, cancellationToken);

    /// <summary>The stored versions, newest first, with who stored each (<c>ListPlaybookVersions</c>, admin key).</summary>
    /// <param name="limit">1-500; null: 100.</param>
    public Task<PlaybookVersionList> ListVersionsAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("playbook/versions") + (limit is { } l ? $"?limit={l}" : ""), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.PlaybookVersionList, cancellationToken);

    /// <summary>One stored version with its playbook exactly as stored (<c>GetPlaybookVersion</c>, admin key); null when there is no such version.</summary>
    public Task<PlaybookVersionResponse?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, _http.TenantPath($"playbook/versions/{version}"), _http.AdminKey, idempotent: true,
            ClientJson.Default.PlaybookVersionResponse, cancellationToken);

    /// <summary>
    /// Stores <paramref name="version"/> again, exactly, as the next version (<c>RollbackPlaybook</c>, admin key). Not
    /// retried: each call stores a version.
    /// </summary>
    /// <exception cref="PlatformApiException">404: no such version; 400: that version no longer validates.</exception>
    public Task<PlaybookStored> RollbackAsync(int version, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath($"playbook/versions/{version}/rollback"), _http.AdminKey, null, idempotent: false,
            ClientJson.Default.PlaybookStored, cancellationToken);

    /// <summary>
    /// What the engine would do for one customer now, with a candidate playbook or the current one (<c>DryRunPlaybook</c>,
    /// admin key). Nothing is stored or sent.
    /// </summary>
    /// <exception cref="PlatformApiException">400 naming every problem by JSON path (a candidate's as <c>$.playbook.rules[0]...</c>); 404: unknown customer.</exception>
    public Task<DryRunDecision> DryRunAsync(PlaybookDryRunRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("playbook/dry-run"), _http.AdminKey,
            PlatformHttp.Json(request, ClientJson.Default.PlaybookDryRunRequest), idempotent: true, ClientJson.Default.DryRunDecision, cancellationToken);
}
