using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/tenants/{tenant}/webhooks</c>: outgoing webhook subscriptions, their delivery logs and replays (admin key).</summary>
public sealed class WebhooksClient
{
    private readonly PlatformHttp _http;

    internal WebhooksClient(PlatformHttp http) => _http = http;

    /// <summary>Subscribes a URL (<c>CreateWebhook</c>); the answer's secret is shown this once. Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 naming <c>url</c>, <c>eventTypes</c> or <c>description</c>; 409 when the tenant has as many subscriptions as allowed.</exception>
    public Task<WebhookSecretIssued> CreateAsync(CreateWebhookRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, _http.TenantPath("webhooks"), _http.AdminKey, PlatformHttp.Json(request, ClientJson.Default.CreateWebhookRequest),
            idempotent: false, ClientJson.Default.WebhookSecretIssued, cancellationToken);

    /// <summary>The tenant's subscriptions (<c>ListWebhooks</c>).</summary>
    public Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, _http.TenantPath("webhooks"), _http.AdminKey, null, idempotent: true, ClientJson.Default.IReadOnlyListWebhookView,
            cancellationToken);

    /// <summary>One subscription (<c>GetWebhook</c>), or null when there is none.</summary>
    public Task<WebhookView?> GetAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(webhookId), _http.AdminKey, idempotent: true, ClientJson.Default.WebhookView, cancellationToken);

    /// <summary>Replaces URL, event types, description and enabled (<c>UpdateWebhook</c>).</summary>
    /// <exception cref="PlatformApiException">400 naming the field; 404 when there is no such subscription.</exception>
    public Task<WebhookView> UpdateAsync(string webhookId, UpdateWebhookRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(webhookId), _http.AdminKey, PlatformHttp.Json(request, ClientJson.Default.UpdateWebhookRequest),
            idempotent: true, ClientJson.Default.WebhookView, cancellationToken);

    /// <summary>Deletes the subscription with its log and pending notifications (<c>DeleteWebhook</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such subscription.</exception>
    public Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path(webhookId), _http.AdminKey, idempotent: false, cancellationToken);

    /// <summary>Replaces the signing secret; the new one is in the answer, shown this once (<c>RotateWebhookSecret</c>).</summary>
    public Task<WebhookSecretIssued> RotateSecretAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(webhookId) + "/secret", _http.AdminKey, null, idempotent: false, ClientJson.Default.WebhookSecretIssued,
            cancellationToken);

    /// <summary>The delivery log, newest first, pages of <paramref name="limit"/> (1-200, 50 by default) older than <paramref name="before"/> (<c>ListWebhookDeliveries</c>).</summary>
    public Task<WebhookDeliveryPage> ListDeliveriesAsync(string webhookId, long? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[] { before is { } b ? $"before={b}" : null, limit is { } l ? $"limit={l}" : null }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, Path(webhookId) + "/deliveries" + (query.Length > 0 ? "?" + query : ""), _http.AdminKey, null,
            idempotent: true, ClientJson.Default.WebhookDeliveryPage, cancellationToken);
    }

    /// <summary>Sends a delivery again with a fresh retry period (<c>ReplayWebhookDelivery</c>).</summary>
    /// <exception cref="PlatformApiException">404 when the subscription has no such delivery.</exception>
    public Task<WebhookDeliveryView> ReplayAsync(string webhookId, long deliveryId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(webhookId) + $"/deliveries/{deliveryId}/replay", _http.AdminKey, null, idempotent: true,
            ClientJson.Default.WebhookDeliveryView, cancellationToken);

    private string Path(string webhookId) => _http.TenantPath($"webhooks/{PlatformHttp.Escape(webhookId)}");
}
