using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// Customer identities: <c>/api/v1/tenants/{tenant}/identities</c> and <c>.../customers/{id}/identities</c> (integration
/// key), the import and the pending pool (admin key).
/// </summary>
public sealed class IdentitiesClient
{
    private readonly PlatformHttp _http;

    internal IdentitiesClient(PlatformHttp http) => _http = http;

    /// <summary>The customer holding the identity (<c>LookupIdentity</c>), or null when nobody does. Phones in any usual spelling.</summary>
    /// <exception cref="PlatformApiException">400 naming <c>kind</c> or <c>value</c>.</exception>
    public Task<IdentityView?> LookupAsync(string kind, string value, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, _http.TenantPath($"identities/{PlatformHttp.Escape(kind)}/{PlatformHttp.Escape(value)}"), _http.IntegrationKey,
            idempotent: true, ClientJson.Default.IdentityView, cancellationToken);

    /// <summary>The customer's identities, strongest first (<c>ListCustomerIdentities</c>).</summary>
    public Task<CustomerIdentities> ListAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, CustomerPath(customerId), _http.IntegrationKey, null, idempotent: true, ClientJson.Default.CustomerIdentities, cancellationToken);

    /// <summary>Adds identities to the customer (<c>AddCustomerIdentities</c>); pending events they name are attached to it.</summary>
    /// <exception cref="PlatformApiException">400 naming <c>identities.{kind}</c>; 409 when another customer holds one (nothing added).</exception>
    public Task<CustomerIdentities> AddAsync(string customerId, IReadOnlyDictionary<string, string> identities, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, CustomerPath(customerId), _http.IntegrationKey,
            PlatformHttp.Json(new AddIdentitiesRequest(identities), ClientJson.Default.AddIdentitiesRequest), idempotent: true,
            ClientJson.Default.CustomerIdentities, cancellationToken);

    /// <summary>Removes one identity from the customer (<c>RemoveCustomerIdentity</c>); answers what it still holds.</summary>
    /// <exception cref="PlatformApiException">404 when the customer does not hold it.</exception>
    public Task<CustomerIdentities> RemoveAsync(string customerId, string kind, string value, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, CustomerPath(customerId) + $"/{PlatformHttp.Escape(kind)}/{PlatformHttp.Escape(value)}", _http.IntegrationKey, null,
            idempotent: true, ClientJson.Default.CustomerIdentities, cancellationToken);

    /// <summary>Imports up to 10,000 identities of existing customers at once, each row on its own (<c>ImportIdentities</c>, admin key); larger: <see cref="StartImportAsync"/>.</summary>
    public Task<IdentityImportResult> ImportAsync(IReadOnlyList<IdentityImportRow> rows, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("identities/import"), _http.AdminKey,
            PlatformHttp.Json(new IdentityImportRequest(rows), ClientJson.Default.IdentityImportRequest), idempotent: true,
            ClientJson.Default.IdentityImportResult, cancellationToken);

    /// <summary>
    /// Starts a background import of identities of existing customers (<c>StartIdentityImport</c>, admin key) from
    /// <paramref name="upload"/>, streamed as the body: CSV with the header <c>customerId,kind,value</c> or JSON lines
    /// (<paramref name="contentType"/>: an <see cref="IdentityImportFormats"/> value); at most 2,000,000 rows and 256 MiB.
    /// Not retried (the stream is read once).
    /// </summary>
    /// <exception cref="PlatformApiException">400 the upload cannot be read (the line named); 413 too large; nothing stored.</exception>
    public Task<IdentityImportAccepted> StartImportAsync(Stream upload, string contentType, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(upload);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return _http.SendAsync(HttpMethod.Post, _http.TenantPath("identity-imports"), _http.AdminKey, content, idempotent: false,
            ClientJson.Default.IdentityImportAccepted, cancellationToken);
    }

    /// <summary>An import's progress (<c>GetIdentityImport</c>, admin key).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such import.</exception>
    public Task<IdentityImportView> GetImportAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, ImportPath(jobId), _http.AdminKey, null, idempotent: true, ClientJson.Default.IdentityImportView, cancellationToken);

    /// <summary>
    /// Stops a running import before its next page and returns its final status, state <c>cancelled</c>: the rows it worked
    /// keep their results, the others stay <c>pending</c> (<c>CancelIdentityImport</c>, admin key). A cancelled import answers the same again.
    /// </summary>
    /// <exception cref="PlatformApiException">404 when there is no such import, 409 when it completed already.</exception>
    public Task<IdentityImportView> CancelImportAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, ImportPath(jobId) + "/cancel", _http.AdminKey, null, idempotent: true, ClientJson.Default.IdentityImportView, cancellationToken);

    /// <summary>An import's rows in line order after line <paramref name="after"/>, of one <paramref name="state"/> (e.g. <c>refused</c>) or all (<c>ListIdentityImportRows</c>, admin key).</summary>
    public Task<IdentityImportRowPage> ListImportRowsAsync(string jobId, string? state = null, long? after = null, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[]
        {
            state is null ? null : "state=" + PlatformHttp.Escape(state),
            after is { } a ? $"after={a}" : null,
            limit is { } l ? $"limit={l}" : null,
        }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, ImportPath(jobId) + "/rows" + (query.Length > 0 ? "?" + query : ""), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.IdentityImportRowPage, cancellationToken);
    }

    /// <summary>Events of the pool in <paramref name="state"/> (pending by default), oldest first (<c>ListPendingEvents</c>, admin key).</summary>
    public Task<PendingEventPage> ListPendingAsync(string? state = null, string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[]
        {
            state is null ? null : "state=" + PlatformHttp.Escape(state),
            after is null ? null : "after=" + PlatformHttp.Escape(after),
            limit is { } l ? $"limit={l}" : null,
        }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, _http.TenantPath("identities/pending") + (query.Length > 0 ? "?" + query : ""), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.PendingEventPage, cancellationToken);
    }

    /// <summary>One event of the pool, or null (<c>GetPendingEvent</c>, admin key).</summary>
    public Task<PendingEventView?> GetPendingAsync(string eventId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, PendingPath(eventId), _http.AdminKey, idempotent: true, ClientJson.Default.PendingEventView, cancellationToken);

    /// <summary>Attaches a pending event to the customer a person picked (<c>AttachPendingEvent</c>, admin key).</summary>
    /// <exception cref="PlatformApiException">404 not in the pool; 409 no longer pending.</exception>
    public Task<PendingEventView> AttachPendingAsync(string eventId, string customerId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, PendingPath(eventId) + "/attach", _http.AdminKey,
            PlatformHttp.Json(new AttachPendingRequest(customerId), ClientJson.Default.AttachPendingRequest), idempotent: false,
            ClientJson.Default.PendingEventView, cancellationToken);

    /// <summary>Dismisses a pending event (<c>DismissPendingEvent</c>, admin key).</summary>
    /// <exception cref="PlatformApiException">404 not in the pool; 409 no longer pending.</exception>
    public Task<PendingEventView> DismissPendingAsync(string eventId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, PendingPath(eventId) + "/dismiss", _http.AdminKey, null, idempotent: false,
            ClientJson.Default.PendingEventView, cancellationToken);

    /// <summary>The region phones are read in and the event types that create customers (<c>GetIdentitySettings</c>, admin key).</summary>
    public Task<IdentitySettingsView> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("identities/settings"), _http.AdminKey, null, idempotent: true,
            ClientJson.Default.IdentitySettingsView, cancellationToken);

    /// <summary>Sets the tenant's phone region and the event types that create customers (<c>PutIdentitySettings</c>, admin key).</summary>
    /// <exception cref="PlatformApiException">400 naming <c>defaultRegion</c> or <c>createCustomerOn[i]</c>.</exception>
    public Task<IdentitySettingsView> PutSettingsAsync(string defaultRegion, IReadOnlyList<string> createCustomerOn, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, _http.TenantPath("identities/settings"), _http.AdminKey,
            PlatformHttp.Json(new IdentitySettingsRequest(defaultRegion, createCustomerOn), ClientJson.Default.IdentitySettingsRequest), idempotent: true,
            ClientJson.Default.IdentitySettingsView, cancellationToken);

    private string CustomerPath(string customerId) => _http.TenantPath($"customers/{PlatformHttp.Escape(customerId)}/identities");

    private string ImportPath(string jobId) => _http.TenantPath($"identity-imports/{PlatformHttp.Escape(jobId)}");

    private string PendingPath(string eventId) => _http.TenantPath($"identities/pending/{PlatformHttp.Escape(eventId)}");
}
