using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/events</c> (integration key).</summary>
public sealed class EventsClient
{
    private readonly PlatformHttp _http;

    internal EventsClient(PlatformHttp http) => _http = http;

    /// <summary>
    /// Posts up to 1,000 events (<c>PostEvents</c>); accepted events are durable when this returns, and a bad event is
    /// rejected alone, by index. Safe to resend as it is: the retry handler sends the same body again after a 503 or a
    /// lost answer, and events already stored come back as duplicates.
    /// </summary>
    /// <exception cref="PlatformApiException">400 when no event is valid (<see cref="ApiProblem.Errors"/> keyed <c>events[i].field</c>); 503 after the retries.</exception>
    public Task<EventBatchResponse> PostAsync(IReadOnlyList<PostedEvent> events, CancellationToken cancellationToken = default) =>
        SendAsync(new EventBatchRequest(events), cancellationToken);

    /// <summary>
    /// Posts up to 1,000 events of history (<c>"mode": "backfill"</c>): they build customers (history, counters, tiers,
    /// relationships, tags) but raise no nudge and start no SOP. Otherwise as <see cref="PostAsync"/>.
    /// </summary>
    public Task<EventBatchResponse> BackfillAsync(IReadOnlyList<PostedEvent> events, CancellationToken cancellationToken = default) =>
        SendAsync(new EventBatchRequest(events, "backfill"), cancellationToken);

    private Task<EventBatchResponse> SendAsync(EventBatchRequest request, CancellationToken cancellationToken) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("events"), _http.IntegrationKey,
            PlatformHttp.Json(request, ClientJson.Default.EventBatchRequest), idempotent: true,
            ClientJson.Default.EventBatchResponse, cancellationToken);
}
