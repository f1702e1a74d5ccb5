using System.Text;
using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// The rules every customer's next-best-action is decided by: <c>/api/v1/tenants/{tenant}/playbook</c> with the tenant's
/// keys (<see cref="PrivateDomainGrainsClient.Playbook"/>: reading with the integration key, the rest with the admin key),
/// or <c>/api/v1/console/playbook</c> with an admin's console token (<see cref="WorkbenchClient.Playbook"/>: the same
/// routes, the console's operation names, 403 for anyone else).
/// </summary>
public sealed class PlaybookClient
{
    private readonly PlatformHttp _http;
    private readonly bool _console;

    internal PlaybookClient(PlatformHttp http, bool console = false) => (_http, _console) = (http, console);

    private string ReadKey => _console ? _http.ConsoleToken : _http.IntegrationKey;

    private string AdminKey => _console ? _http.ConsoleToken : _http.AdminKey;

    private string Path(string rest = "") => (_console ? "api/v1/console/playbook" : _http.TenantPath("playbook")) + rest;

    /// <summary>The current playbook and its version (<c>GetPlaybook</c>, integration key; <c>GetConsolePlaybook</c>).</summary>
    public Task<PlaybookResponse> GetAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path(), ReadKey, null, idempotent: true,
            ClientJson.Default.PlaybookResponse, cancellationToken);

    /// <summary>Replaces the playbook with the JSON document <paramref name="playbookJson"/> (<c>PutPlaybook</c>, admin key; <c>PutConsolePlaybook</c>); every node uses it within seconds.</summary>
    /// <exception cref="PlatformApiException">400 listing every error in <see cref="ApiProblem.Errors"/> by JSON path; nothing is stored.</exception>
    public Task<PlaybookStored> PutAsync(string playbookJson, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(), AdminKey,
            new StringContent(playbookJson, Encoding.UTF8, "application/json"), idempotent: true,
            ClientJson.Default.PlaybookStored, cancellationToken);

    /// <summary>The stored versions, newest first, with who stored each (<c>ListPlaybookVersions</c>, admin key; <c>ListConsolePlaybookVersions</c>).</summary>
    /// <param name="limit">1-500; null: 100.</param>
    public Task<PlaybookVersionList> ListVersionsAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path("/versions") + (limit is { } l ? $"?limit={l}" : ""), AdminKey, null, idempotent: true,
            ClientJson.Default.PlaybookVersionList, cancellationToken);

    /// <summary>One stored version with its playbook exactly as stored (<c>GetPlaybookVersion</c>, admin key; <c>GetConsolePlaybookVersion</c>); null when there is no such version.</summary>
    public Task<PlaybookVersionResponse?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path($"/versions/{version}"), AdminKey, idempotent: true,
            ClientJson.Default.PlaybookVersionResponse, cancellationToken);

    /// <summary>
    /// Stores <paramref name="version"/> again, exactly, as the next version (<c>RollbackPlaybook</c>, admin key; <c>RollbackConsolePlaybook</c>). Not
    /// retried: each call stores a version.
    /// </summary>
    /// <exception cref="PlatformApiException">404: no such version; 400: that version no longer validates.</exception>
    public Task<PlaybookStored> RollbackAsync(int version, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path($"/versions/{version}/rollback"), AdminKey, null, idempotent: false,
            ClientJson.Default.PlaybookStored, cancellationToken);

    /// <summary>
    /// What the engine would do for one customer now, with a candidate playbook or the current one (<c>DryRunPlaybook</c>,
    /// admin key; <c>DryRunConsolePlaybook</c>). Nothing is stored or sent.
    /// </summary>
    /// <exception cref="PlatformApiException">400 naming every problem by JSON path (a candidate's as <c>$.playbook.rules[0]...</c>); 404: unknown customer.</exception>
    public Task<DryRunDecision> DryRunAsync(PlaybookDryRunRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path("/dry-run"), AdminKey,
            PlatformHttp.Json(request, ClientJson.Default.PlaybookDryRunRequest), idempotent: true, ClientJson.Default.DryRunDecision, cancellationToken);
}
