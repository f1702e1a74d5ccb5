using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/customers/{customerId}/personal-data</c>: export and erasure (admin key; both audited).</summary>
public sealed class PersonalDataClient
{
    private readonly PlatformHttp _http;

    internal PersonalDataClient(PlatformHttp http) => _http = http;

    /// <summary>Everything held about the customer as one document (<c>ExportCustomerData</c>); null when nothing is.</summary>
    public Task<PersonalDataExport?> ExportAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(customerId), _http.AdminKey, idempotent: true, ClientJson.Default.PersonalDataExport, cancellationToken);

    /// <summary>
    /// Erases everything held about the customer (<c>EraseCustomerData</c>); its later events are refused (409 per event).
    /// Safe to repeat: a second erasure finds nothing left.
    /// </summary>
    public Task<ErasureReport> EraseAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path(customerId), _http.AdminKey, null, idempotent: true, ClientJson.Default.ErasureReport, cancellationToken);

    /// <summary>
    /// Erases the customer an identity names (<c>EraseCustomerDataByIdentity</c>): a phone in any usual spelling, a unionid, ...
    /// The report names the customer. Its identities are refused from then on (409 per event naming one).
    /// </summary>
    /// <exception cref="PlatformApiException">400 naming <c>kind</c> or <c>value</c>; 404 when no customer holds the identity.</exception>
    public Task<ErasureReport> EraseByIdentityAsync(string kind, string value, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, _http.TenantPath($"identities/{PlatformHttp.Escape(kind)}/{PlatformHttp.Escape(value)}/personal-data"), _http.AdminKey,
            null, idempotent: true, ClientJson.Default.ErasureReport, cancellationToken);

    private string Path(string customerId) => _http.TenantPath($"customers/{PlatformHttp.Escape(customerId)}/personal-data");
}
