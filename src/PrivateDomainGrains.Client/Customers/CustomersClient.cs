using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/customers/{customerId}</c> (integration key).</summary>
public sealed class CustomersClient
{
    private readonly PlatformHttp _http;

    internal CustomersClient(PlatformHttp http) => _http = http;

    /// <summary>The customer (<c>GetCustomer</c>), or null while it has no events, owner or tags.</summary>
    public Task<CustomerView?> GetAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(customerId), _http.IntegrationKey, idempotent: true, ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>The complete history, newest first, in pages of <paramref name="limit"/> (1-500, 50 by default) older than <paramref name="before"/> (<c>ListInteractions</c>).</summary>
    /// <exception cref="PlatformApiException">404 while the customer has no events, owner or tags.</exception>
    public Task<InteractionPage> ListInteractionsAsync(string customerId, long? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[] { before is { } b ? $"before={b}" : null, limit is { } l ? $"limit={l}" : null }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, Path(customerId, "/interactions") + (query.Length > 0 ? "?" + query : ""), _http.IntegrationKey, null,
            idempotent: true, ClientJson.Default.InteractionPage, cancellationToken);
    }

    /// <summary>Hands the customer to <paramref name="staffId"/>; open nudges move too (<c>AssignOwner</c>).</summary>
    /// <exception cref="PlatformApiException">400 when <paramref name="staffId"/> is not staff of the tenant; 404 while the customer has no events, owner or tags (nothing stored).</exception>
    public Task<CustomerView> AssignOwnerAsync(string customerId, string staffId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(customerId, "/owner"), _http.IntegrationKey,
            PlatformHttp.Json(new OwnerRequest(staffId), ClientJson.Default.OwnerRequest), idempotent: true, ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>Adds 1-50 tags (<c>AddTags</c>).</summary>
    /// <exception cref="PlatformApiException">404 while the customer has no events, owner or tags (nothing stored: tags never create a customer).</exception>
    public Task<CustomerView> AddTagsAsync(string customerId, IEnumerable<string> tags, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(customerId, "/tags"), _http.IntegrationKey,
            PlatformHttp.Json(new TagsRequest([.. tags]), ClientJson.Default.TagsRequest), idempotent: true, ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>Removes tags (<c>RemoveTags</c>).</summary>
    /// <exception cref="PlatformApiException">404 while the customer has no events, owner or tags.</exception>
    public Task<CustomerView> RemoveTagsAsync(string customerId, IEnumerable<string> tags, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path(customerId, "/tags"), _http.IntegrationKey,
            PlatformHttp.Json(new TagsRequest([.. tags]), ClientJson.Default.TagsRequest), idempotent: true, ClientJson.Default.CustomerView, cancellationToken);

    /// <summary>
    /// Merges <paramref name="absorbedId"/> into <paramref name="survivorId"/> (<c>MergeCustomers</c>): the same person reached
    /// through two channels. History, tags, identities, counters, open nudges and SOP positions combine; the absorbed id
    /// redirects to the survivor from then on. Not retried: a merge answered but not heard is a 409 the second time.
    /// </summary>
    /// <exception cref="PlatformApiException">404 when either customer is unknown; 409 into itself, into or from a customer merged already, or erased.</exception>
    public Task<MergeResult> MergeAsync(string survivorId, string absorbedId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(survivorId, "/merge"), _http.IntegrationKey,
            PlatformHttp.Json(new MergeRequest(absorbedId), ClientJson.Default.MergeRequest), idempotent: false, ClientJson.Default.MergeResult, cancellationToken);

    /// <summary>Undoes a merge into <paramref name="survivorId"/> (<c>UndoCustomerMerge</c>): both customers become exactly what they were.</summary>
    /// <exception cref="PlatformApiException">404 when the survivor has no such merge; 409 when it changed since (the problem says how) or it was undone already.</exception>
    public Task<MergeResult> UndoMergeAsync(string survivorId, string mergeId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(survivorId, $"/merges/{PlatformHttp.Escape(mergeId)}/undo"), _http.IntegrationKey, null,
            idempotent: false, ClientJson.Default.MergeResult, cancellationToken);

    /// <summary>Merges into <paramref name="customerId"/> and out of it, newest first (<c>ListCustomerMerges</c>).</summary>
    public Task<MergeList> ListMergesAsync(string customerId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path(customerId, "/merges"), _http.IntegrationKey, null, idempotent: true, ClientJson.Default.MergeList, cancellationToken);

    private string Path(string customerId, string rest = "") => _http.TenantPath($"customers/{PlatformHttp.Escape(customerId)}{rest}");
}
