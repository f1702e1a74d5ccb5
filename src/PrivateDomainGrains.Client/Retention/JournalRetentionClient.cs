using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/journal-retention</c>: how many days of events the journal keeps (admin key).</summary>
public sealed class JournalRetentionClient
{
    private readonly PlatformHttp _http;

    internal JournalRetentionClient(PlatformHttp http) => _http = http;

    /// <summary>The setting and the progress of the pass dropping older events (<c>GetJournalRetention</c>).</summary>
    public Task<JournalRetentionView> GetAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Path, _http.AdminKey, null, idempotent: true, ClientJson.Default.JournalRetentionView, cancellationToken);

    /// <summary>
    /// Keeps <paramref name="days"/> days of events (null: all; <c>PutJournalRetention</c>). Older events a snapshot has
    /// folded in are dropped by a background pass; older events posted from now on are refused (400 naming <c>at</c>).
    /// </summary>
    /// <exception cref="PlatformApiException">400 naming <c>days</c> when it is not 1-36500.</exception>
    public Task<JournalRetentionView> PutAsync(int? days, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path, _http.AdminKey, PlatformHttp.Json(new JournalRetentionRequest(days), ClientJson.Default.JournalRetentionRequest),
            idempotent: true, ClientJson.Default.JournalRetentionView, cancellationToken);

    private string Path => _http.TenantPath("journal-retention");
}
