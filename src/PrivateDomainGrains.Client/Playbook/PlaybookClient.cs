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
}
