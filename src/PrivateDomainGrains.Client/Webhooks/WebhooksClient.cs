using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary>
/// <c>/api/v1/tenants/{tenant}/webhooks</c>: outgoing webhook subscriptions, their delivery logs and replays (admin key),
/// or <c>/api/v1/console/webhooks</c> with an admin's console token (<see cref="WorkbenchClient.Webhooks"/>: the same
/// routes, the console's operation names, 403 for anyone else).
/// </summary>
public sealed class WebhooksClient
{
    private readonly PlatformHttp _http;
    private readonly bool _console;

    internal WebhooksClient(PlatformHttp http, bool console = false) => (_http, _console) = (http, console);

    private string Key => _console ? _http.ConsoleToken : _http.AdminKey;

    private string Root => _console ? "api/v1/console/webhooks" : _http.TenantPath("webhooks");

    /// <summary>Subscribes a URL (<c>CreateWebhook</c>; <c>CreateConsoleWebhook</c>); the answer's secret is shown this once. Not resent after a transient failure.</summary>
    /// <exception cref="PlatformApiException">400 naming <c>url</c>, <c>eventTypes</c> or <c>description</c>; 409 when the tenant has as many subscriptions as allowed.</exception>
    public Task<WebhookSecretIssued> CreateAsync(CreateWebhookRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Root, Key, PlatformHttp.Json(request, ClientJson.Default.CreateWebhookRequest),
            idempotent: false, ClientJson.Default.WebhookSecretIssued, cancellationToken);

    /// <summary>The tenant's subscriptions (<c>ListWebhooks</c>; <c>ListConsoleWebhooks</c>).</summary>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _http.SendAsync(HttpMethod.Get, Root, Key, null, idempotent: true, ClientJson.Default.WebhookList, cancellationToken)).Items;

    /// <summary>Every notification type a subscription can name, and their families (<c>ListWebhookEventTypes</c>; <c>ListConsoleWebhookEventTypes</c>).</summary>
    public Task<WebhookEventTypeList> ListEventTypesAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, Root + "/event-types", Key, null, idempotent: true, ClientJson.Default.WebhookEventTypeList, cancellationToken);

    /// <summary>One subscription (<c>GetWebhook</c>; <c>GetConsoleWebhook</c>), or null when there is none.</summary>
    public Task<WebhookView?> GetAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _http.SendOrNullAsync(HttpMethod.Get, Path(webhookId), Key, idempotent: true, ClientJson.Default.WebhookView, cancellationToken);

    /// <summary>Replaces URL, event types, description and enabled (<c>UpdateWebhook</c>; <c>UpdateConsoleWebhook</c>).</summary>
    /// <exception cref="PlatformApiException">400 naming the field; 404 when there is no such subscription.</exception>
    public Task<WebhookView> UpdateAsync(string webhookId, UpdateWebhookRequest request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Put, Path(webhookId), Key, PlatformHttp.Json(request, ClientJson.Default.UpdateWebhookRequest),
            idempotent: true, ClientJson.Default.WebhookView, cancellationToken);

    /// <summary>Deletes the subscription with its log and pending notifications, none of which is sent after this (<c>DeleteWebhook</c>; <c>DeleteConsoleWebhook</c>).</summary>
    /// <exception cref="PlatformApiException">404 when there is no such subscription.</exception>
    public Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Delete, Path(webhookId), Key, idempotent: false, cancellationToken);

    /// <summary>Replaces the signing secret; the new one is in the answer, shown this once (<c>RotateWebhookSecret</c>; <c>RotateConsoleWebhookSecret</c>).</summary>
    public Task<WebhookSecretIssued> RotateSecretAsync(string webhookId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(webhookId) + "/secret", Key, null, idempotent: false, ClientJson.Default.WebhookSecretIssued,
            cancellationToken);

    /// <summary>The delivery log, newest first, pages of <paramref name="limit"/> (1-200, 50 by default) older than <paramref name="before"/> (<c>ListWebhookDeliveries</c>; <c>ListConsoleWebhookDeliveries</c>).</summary>
    public Task<WebhookDeliveryPage> ListDeliveriesAsync(string webhookId, long? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[] { before is { } b ? $"before={b}" : null, limit is { } l ? $"limit={l}" : null }.OfType<string>());
        return _http.SendAsync(HttpMethod.Get, Path(webhookId) + "/deliveries" + (query.Length > 0 ? "?" + query : ""), Key, null,
            idempotent: true, ClientJson.Default.WebhookDeliveryPage, cancellationToken);
    }

    /// <summary>Sends a delivery again with a fresh retry period (<c>ReplayWebhookDelivery</c>; <c>ReplayConsoleWebhookDelivery</c>).</summary>
    /// <exception cref="PlatformApiException">404 when the subscription has no such delivery.</exception>
    public Task<WebhookDeliveryView> ReplayAsync(string webhookId, long deliveryId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, Path(webhookId) + $"/deliveries/{deliveryId}/replay", Key, null, idempotent: true,
            ClientJson.Default.WebhookDeliveryView, cancellationToken);

    private string Path(string webhookId) => $"{Root}/{PlatformHttp.Escape(webhookId)}";
}
