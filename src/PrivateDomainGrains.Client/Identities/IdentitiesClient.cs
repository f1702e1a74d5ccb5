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

    /// <summary>
    /// Adds identities to a known customer (<c>AddCustomerIdentities</c>); pending events they name are attached to it.
    /// <paramref name="createCustomer"/>: the customer may be new (the first event naming it or the identities creates it).
    /// </summary>
    /// <exception cref="PlatformApiException">400 naming <c>identities.{kind}</c>; 404 no such customer (without <paramref name="createCustomer"/>);
    /// 409 when another customer holds one (nothing added).</exception>
    public Task<CustomerIdentities> AddAsync(string customerId, IReadOnlyDictionary<string, string> identities, bool createCustomer = false,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, CustomerPath(customerId), _http.IntegrationKey,
            PlatformHttp.Json(new AddIdentitiesRequest(identities, createCustomer), ClientJson.Default.AddIdentitiesRequest), idempotent: true,
            ClientJson.Default.CustomerIdentities, cancellationToken);

    /// <summary>Removes one identity from the customer (<c>RemoveCustomerIdentity</c>); answers what it still holds.</summary>
    /// <exception cref="PlatformApiException">404 when the customer does not hold it.</exception>
    public Task<CustomerIdentities> RemoveAsync(string customerId, string kind, string value, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, CustomerPath(customerId) + $"/{PlatformHttp.Escape(kind)}/{PlatformHttp.Escape(value)}", _http.IntegrationKey, null,
            idempotent: true, ClientJson.Default.CustomerIdentities, cancellationToken);

    /// <summary>
    /// Imports up to 10,000 identities of known customers at once, each row on its own (<c>ImportIdentities</c>, admin key;
    /// a row naming an unknown customer is refused with 404 unless <paramref name="createCustomers"/>); larger: <see cref="StartImportAsync"/>.
    /// </summary>
    public Task<IdentityImportResult> ImportAsync(IReadOnlyList<IdentityImportRow> rows, bool createCustomers = false, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("identities/import"), _http.AdminKey,
            PlatformHttp.Json(new IdentityImportRequest(rows, createCustomers), ClientJson.Default.IdentityImportRequest), idempotent: true,
            ClientJson.Default.IdentityImportResult, cancellationToken);

    /// <summary>
    /// Starts a background import of identities of existing customers (<c>StartIdentityImport</c>, admin key) from
    /// <paramref name="upload"/>, streamed as the body: CSV with the header <c>customerId,kind,value</c> or JSON lines
    /// (<paramref name="contentType"/>: an <see cref="IdentityImportFormats"/> value); at most 2,000,000 rows and 256 MiB.
    /// A row naming a customer the platform does not know is refused on <c>customerId</c> unless
    /// <paramref name="createCustomers"/> (its first event then creates it). Not retried (the stream is read once).
    /// </summary>
    /// <exception cref="PlatformApiException">400 the upload cannot be read (the line named); 413 too large; nothing stored.</exception>
    public Task<IdentityImportAccepted> StartImportAsync(Stream upload, string contentType, bool createCustomers = false, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("identity-imports") + (createCustomers ? "?createCustomers=true" : ""), _http.AdminKey,
            Upload(upload, contentType), idempotent: false, ClientJson.Default.IdentityImportAccepted, cancellationToken);

    /// <summary>
    /// Starts an import as the signed-in manager or admin with a console token (<c>StartMyIdentityImport</c>): as
    /// <see cref="StartImportAsync"/>, a manager's rows limited to their team's customers; <paramref name="createCustomers"/> admins only.
    /// </summary>
    /// <exception cref="PlatformApiException">403 for staff (or a manager asking <paramref name="createCustomers"/>); 400, 413 as <see cref="StartImportAsync"/>.</exception>
    public Task<IdentityImportAccepted> StartMyImportAsync(Stream upload, string contentType, bool createCustomers = false, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, MyImportsPath + (createCustomers ? "?createCustomers=true" : ""), _http.ConsoleToken, Upload(upload, contentType),
            idempotent: false, ClientJson.Default.IdentityImportAccepted, cancellationToken);

    /// <summary>An import's progress with a console token (<c>GetMyIdentityImport</c>): an admin any, a manager their own.</summary>
    public Task<IdentityImportView> GetMyImportAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, $"{MyImportsPath}/{PlatformHttp.Escape(jobId)}", _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.IdentityImportView, cancellationToken);

    /// <summary>Cancels a running import with a console token (<c>CancelMyIdentityImport</c>), as <see cref="CancelImportAsync"/>.</summary>
    public Task<IdentityImportView> CancelMyImportAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, $"{MyImportsPath}/{PlatformHttp.Escape(jobId)}/cancel", _http.ConsoleToken, null, idempotent: true,
            ClientJson.Default.IdentityImportView, cancellationToken);

    /// <summary>An import's rows with a console token (<c>ListMyIdentityImportRows</c>), as <see cref="ListImportRowsAsync"/>.</summary>
    public Task<IdentityImportRowPage> ListMyImportRowsAsync(string jobId, string? state = null, long? after = null, int? limit = null,
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, $"{MyImportsPath}/{PlatformHttp.Escape(jobId)}/rows" + RowsQuery(state, after, limit), _http.ConsoleToken, null,
            idempotent: true, ClientJson.Default.IdentityImportRowPage, cancellationToken);

    private const string MyImportsPath = "api/v1/console/identity-imports";

    private static StreamContent Upload(Stream upload, string contentType)
    {
        var content = new StreamContent(upload);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return content;
    }

    private static string RowsQuery(string? state, long? after, int? limit)
    {
        var query = string.Join("&", new[]
        {
            state is null ? null : "state=" + PlatformHttp.Escape(state),
            after is { } a ? $"after={a}" : null,
            limit is { } l ? $"limit={l}" : null,
        }.OfType<string>());
        return query.Length > 0 ? "?" + query : "";
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
        CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, ImportPath(jobId) + "/rows" + RowsQuery(state, after, limit), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.IdentityImportRowPage, cancellationToken);

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
