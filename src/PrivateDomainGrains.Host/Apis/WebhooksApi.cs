using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Host.Webhooks;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Outgoing webhooks (admin key, or a named key with webhooks:manage): a tenant's subscriptions (URL, event types, signing secret shown once), each one's
/// delivery log, and replay of a delivery. Notifications are written with the change that caused them and delivered
/// by <see cref="WebhookDispatcher"/>, signed as <see cref="WebhookSigner"/> describes.
/// </summary>
public static class WebhooksApi
{
    public const int MaxPageSize = 200;
    private const int MaxDescriptionLength = 200;

    /// <summary>A subscription may name everything there is to name, once each: <c>*</c>, every family and every type.</summary>
    private static readonly int MaxEventTypes = WebhookEventTypes.Accepted.Count;

    /// <param name="Url">Where notifications are posted: an absolute https URL (http too when <c>Webhooks:AllowInsecureUrls</c>), at most 2048 characters, taken exactly as sent: no white space, user info, fragment or port outside 1-65535; one subscription per URL and tenant.</param>
    /// <param name="EventTypes">Types to send (nudge.raised, nudge.closed, customer.tag-added, ..., webhook.disabled: every one ListWebhookEventTypes lists), families (nudge.*, customer.*, webhook.*) or *; at least one.</param>
    /// <param name="Description">What the subscription is for, at most 200 characters.</param>
    public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null);

    /// <param name="Enabled">False pauses deliveries (notifications are no longer written for it); true re-enables a disabled subscription with its failures forgotten, and its pending notifications go out.</param>
    public sealed record UpdateWebhookRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null, bool Enabled = true);

    /// <summary>A subscription. The secret is never shown again after creation or rotation.</summary>
    /// <param name="DisabledReason">Why it was disabled: by an administrator, or the failures that disabled it.</param>
    /// <param name="ConsecutiveFailures">Failed attempts since the last successful delivery.</param>
    /// <param name="FailingSince">The first of those failures.</param>
    public sealed record WebhookView(string WebhookId, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled,
        string? DisabledReason, DateTimeOffset? DisabledAt, int ConsecutiveFailures, DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    /// <summary>The tenant's subscriptions.</summary>
    public sealed record WebhookList(IReadOnlyList<WebhookView> Items);

    /// <summary>A subscription with its signing secret (<c>whsec_</c> + base64), shown this once: keep it to verify signatures.</summary>
    public sealed record WebhookSecretIssued(WebhookView Webhook, string Secret);

    /// <summary>One notification for the subscription and what became of it.</summary>
    /// <param name="DeliveryId">Also the body's <c>sequence</c>: increasing in the order the changes committed.</param>
    /// <param name="NotificationId">The body's <c>id</c> and the <c>webhook-id</c> header, the same on every attempt.</param>
    /// <param name="State">pending, delivered, or failed (retried for Webhooks:RetryFor, 24 h by default, without success).</param>
    /// <param name="Attempts">Attempts made, replays included.</param>
    /// <param name="LastStatus">The receiver's HTTP status at the last attempt; null when it did not answer (see lastError).</param>
    /// <param name="Data">The notification's data as sent.</param>
    public sealed record WebhookDeliveryView(long DeliveryId, string NotificationId, string Type, string? CustomerId, DateTimeOffset OccurredAt,
        string State, int Attempts, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset NextAttemptAt,
        DateTimeOffset? DeliveredAt, JsonElement Data);

    /// <summary>What a subscription's <c>eventTypes</c> may name, besides <c>*</c> (everything, also types added later).</summary>
    /// <param name="Types">Every notification type the platform sends (nudge.raised, ..., customer.merged, ..., webhook.disabled), family by family.</param>
    /// <param name="Families">Each type's family (<c>nudge.*</c>, <c>customer.*</c>, ...): all its types, also those added later.</param>
    public sealed record WebhookEventTypeList(IReadOnlyList<string> Types, IReadOnlyList<string> Families);

    /// <param name="NextBefore">The <c>before</c> of the next (older) page; null on the last page.</param>
    public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryView> Items, long? NextBefore);

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/tenants/{tenant}/webhooks").WithTags("Webhooks").RequireAdminKey().RequireScope(ApiScopes.WebhooksManage);
        webhooks.MapPost("", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to notifications; the answer carries the signing secret, shown this once.")
            .WithJsonBody<CreateWebhookRequest>()
            .WithProblem(StatusCodes.Status409Conflict, SubscribedAlready);
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks")
            .WithSummary("The tenant's subscriptions, with whether each is enabled and how it has been failing.");
        webhooks.MapGet("/event-types", ListEventTypes).WithName("ListWebhookEventTypes")
            .WithSummary("Every notification type a subscription can name, and their families (* is everything).");
        webhooks.MapGet("/{webhookId}", GetAsync).WithName("GetWebhook")
            .WithSummary("One subscription.")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        webhooks.MapPut("/{webhookId}", UpdateAsync).WithName("UpdateWebhook")
            .WithSummary("Replace URL, event types, description and enabled; enabling a disabled subscription forgets its failures.")
            .WithJsonBody<UpdateWebhookRequest>()
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant")
            .WithProblem(StatusCodes.Status409Conflict, "Another subscription of the tenant has this URL (errors name 'url')");
        webhooks.MapDelete("/{webhookId}", DeleteAsync).WithName("DeleteWebhook")
            .WithSummary("Delete the subscription, its delivery log and what was still pending for it: nothing more is sent to it (an attempt already under way finishes).")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        webhooks.MapPost("/{webhookId}/secret", RotateSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("Replace the signing secret; the new one is shown this once and signs every attempt from now on.")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        webhooks.MapGet("/{webhookId}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest first: state, attempts, last status or error; paged with ?before=<deliveryId>&limit=<1-200> (50 by default).")
            .WithProblem(StatusCodes.Status400BadRequest, "'limit' is not 1-200, or 'before' is not a positive delivery id")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        webhooks.MapPost("/{webhookId}/deliveries/{deliveryId}/replay", ReplayAsync).WithName("ReplayWebhookDelivery")
            .WithSummary("Send a delivery again, whatever its state, with a fresh retry period (it goes out once the subscription is enabled). 202.")
            .WithProblem(StatusCodes.Status400BadRequest, "'deliveryId' is not a whole number (errors name it)")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription, or no such delivery of it");

        // The same routes for a signed-in admin of the console (the integrations page), on the admin's own tenant.
        var console = api.MapGroup("/console/webhooks").WithTags("Console").RequireConsoleToken().RequireConsoleAdmin("Webhooks are managed by admins only").Audited();
        console.MapPost("", (ConsoleUser user, HttpRequest request, WebhookSubscriptions subscriptions, WebhookSecretProtector protector, WebhookTargets targets,
                IOptions<WebhookOptions> options) => CreateAsync(user.Tenant, request, subscriptions, protector, targets, options))
            .WithName("CreateConsoleWebhook").WithSummary("As CreateWebhook, for the signed-in admin's tenant: the signing secret is shown this once.")
            .WithJsonBody<CreateWebhookRequest>()
            .WithProblem(StatusCodes.Status409Conflict, SubscribedAlready);
        console.MapGet("", (ConsoleUser user, WebhookSubscriptions subscriptions, HttpContext http) => ListAsync(user.Tenant, subscriptions, http))
            .WithName("ListConsoleWebhooks").WithSummary("As ListWebhooks, for the signed-in admin's tenant.");
        console.MapGet("/event-types", ListEventTypes).WithName("ListConsoleWebhookEventTypes")
            .WithSummary("As ListWebhookEventTypes: the integrations page's event-type picker.");
        console.MapGet("/{webhookId}", (ConsoleUser user, string webhookId, WebhookSubscriptions subscriptions, HttpContext http) => GetAsync(user.Tenant, webhookId, subscriptions, http))
            .WithName("GetConsoleWebhook").WithSummary("As GetWebhook, for the signed-in admin's tenant.")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        console.MapPut("/{webhookId}", (ConsoleUser user, string webhookId, HttpRequest request, WebhookSubscriptions subscriptions, WebhookTargets targets,
                IOptions<WebhookOptions> options) => UpdateAsync(user.Tenant, webhookId, request, subscriptions, targets, options))
            .WithName("UpdateConsoleWebhook").WithSummary("As UpdateWebhook (re-enable with enabled: true), for the signed-in admin's tenant.")
            .WithJsonBody<UpdateWebhookRequest>()
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant")
            .WithProblem(StatusCodes.Status409Conflict, "Another subscription of the tenant has this URL (errors name 'url')");
        console.MapDelete("/{webhookId}", (ConsoleUser user, string webhookId, WebhookSubscriptions subscriptions, HttpContext http) =>
                DeleteAsync(user.Tenant, webhookId, subscriptions, http))
            .WithName("DeleteConsoleWebhook").WithSummary("As DeleteWebhook, for the signed-in admin's tenant.")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        console.MapPost("/{webhookId}/secret", (ConsoleUser user, string webhookId, WebhookSubscriptions subscriptions, WebhookSecretProtector protector, HttpContext http) =>
                RotateSecretAsync(user.Tenant, webhookId, subscriptions, protector, http))
            .WithName("RotateConsoleWebhookSecret").WithSummary("As RotateWebhookSecret, for the signed-in admin's tenant: the new secret is shown this once.")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        console.MapGet("/{webhookId}/deliveries", (
                ConsoleUser user, string webhookId, [Range(typeof(long), "1", WholeNumbers.LongMax)] long? before, [Range(1, MaxPageSize)] int? limit,
                WebhookSubscriptions subscriptions,
                WebhookDeliveries deliveries, HttpContext http) => ListDeliveriesAsync(user.Tenant, webhookId, before, limit, subscriptions, deliveries, http))
            .WithName("ListConsoleWebhookDeliveries").WithSummary("As ListWebhookDeliveries, for the signed-in admin's tenant.")
            .WithProblem(StatusCodes.Status400BadRequest, "'limit' is not 1-200, or 'before' is not a positive delivery id")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription in the tenant");
        console.MapPost("/{webhookId}/deliveries/{deliveryId}/replay", (
                ConsoleUser user, string webhookId, [Range(typeof(long), "1", WholeNumbers.LongMax)] long deliveryId, WebhookDeliveries deliveries,
                HttpContext http) => ReplayAsync(user.Tenant, webhookId, deliveryId, deliveries, http))
            .WithName("ReplayConsoleWebhookDelivery").WithSummary("As ReplayWebhookDelivery, for the signed-in admin's tenant. 202.")
            .WithProblem(StatusCodes.Status400BadRequest, "'deliveryId' is not a whole number (errors name it)")
            .WithProblem(StatusCodes.Status404NotFound, "No such subscription, or no such delivery of it");
        return api;
    }

    private const string SubscribedAlready =
        "The tenant subscribes this URL already (errors name 'url' and the detail the subscription: change that one), or has as many subscriptions as Webhooks:MaxSubscriptionsPerTenant allows";

    private static async Task<Results<Created<WebhookSecretIssued>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        string tenant, HttpRequest request, WebhookSubscriptions subscriptions, WebhookSecretProtector protector, WebhookTargets targets,
        IOptions<WebhookOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateWebhookRequest>(request);
        if (body is null) return problem!;
        var ct = request.HttpContext.RequestAborted;
        var errors = await ValidateAsync(body.Url, body.EventTypes, body.Description, options.Value, targets, ct);
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.WebhookInvalid.Say(), errors);
        var secret = WebhookSigner.NewSecret();
        var written = await subscriptions.CreateAsync(tenant, "wh_" + Guid.NewGuid().ToString("N"), body.Url, [.. body.EventTypes.Distinct(StringComparer.Ordinal)],
            Description(body.Description), protector.Protect(tenant, secret), options.Value.MaxSubscriptionsPerTenant, WebhookUrls.Key, ct);
        if (written.SameUrl is { } same) return SameUrl(same);
        if (written.Full)
            return Problems.Conflict(ApiPhrases.WebhookLimit.Say(tenant, options.Value.MaxSubscriptionsPerTenant));
        var row = written.Row!;
        return TypedResults.Created($"/api/v1/tenants/{tenant}/webhooks/{row.SubscriptionId}", new WebhookSecretIssued(View(row), secret));
    }

    private static async Task<Ok<WebhookList>> ListAsync(string tenant, WebhookSubscriptions subscriptions, HttpContext http) =>
        TypedResults.Ok(new WebhookList([.. (await subscriptions.ListAsync(tenant, http.RequestAborted)).Select(View)]));

    private static Ok<WebhookEventTypeList> ListEventTypes() => TypedResults.Ok(new WebhookEventTypeList(WebhookEventTypes.All, WebhookEventTypes.Families));

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> GetAsync(string tenant, string webhookId, WebhookSubscriptions subscriptions, HttpContext http) =>
        await subscriptions.GetAsync(tenant, webhookId, http.RequestAborted) is { } row ? TypedResults.Ok(View(row)) : NotFound(webhookId);

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string tenant, string webhookId, HttpRequest request, WebhookSubscriptions subscriptions, WebhookTargets targets, IOptions<WebhookOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateWebhookRequest>(request);
        if (body is null) return problem!;
        var errors = await ValidateAsync(body.Url, body.EventTypes, body.Description, options.Value, targets, request.HttpContext.RequestAborted);
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.WebhookUnchanged.Say(), errors);
        var written = await subscriptions.UpdateAsync(tenant, webhookId, body.Url, [.. body.EventTypes.Distinct(StringComparer.Ordinal)], Description(body.Description),
            body.Enabled, WebhookUrls.Key, request.HttpContext.RequestAborted);
        if (written.SameUrl is { } same) return SameUrl(same);
        return written.Row is { } row ? TypedResults.Ok(View(row)) : NotFound(webhookId);
    }

    /// <summary>
    /// Deletes the subscription with its whole outbox (<see cref="WebhookSubscriptions.DeleteAsync"/>: its rows go with it,
    /// pending ones included), so none of its pending notifications is sent after the 204; only an attempt a dispatcher
    /// had already started may still arrive, and its outcome is recorded nowhere. Changes committed later write nothing for it.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string tenant, string webhookId, WebhookSubscriptions subscriptions, HttpContext http) =>
        await subscriptions.DeleteAsync(tenant, webhookId, http.RequestAborted) ? TypedResults.NoContent() : NotFound(webhookId);

    private static async Task<Results<Ok<WebhookSecretIssued>, ProblemHttpResult>> RotateSecretAsync(
        string tenant, string webhookId, WebhookSubscriptions subscriptions, WebhookSecretProtector protector, HttpContext http)
    {
        var secret = WebhookSigner.NewSecret();
        var row = await subscriptions.SetSecretAsync(tenant, webhookId, protector.Protect(tenant, secret), http.RequestAborted);
        return row is null ? NotFound(webhookId) : TypedResults.Ok(new WebhookSecretIssued(View(row), secret));
    }

    private static async Task<Results<Ok<WebhookDeliveryPage>, ProblemHttpResult>> ListDeliveriesAsync(
        string tenant, string webhookId, [Range(typeof(long), "1", WholeNumbers.LongMax)] long? before, [Range(1, MaxPageSize)] int? limit,
        WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, HttpContext http)
    {
        if (limit is < 1 or > MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxPageSize));
        if (before is < 1) return Problems.BadRequest("before", ApiPhrases.BeforeDelivery.Say());
        if (await subscriptions.GetAsync(tenant, webhookId, http.RequestAborted) is null) return NotFound(webhookId);
        var pageSize = limit ?? 50;
        var rows = await deliveries.ListAsync(tenant, webhookId, before, pageSize + 1, http.RequestAborted);
        var page = rows.Take(pageSize).Select(DeliveryView).ToList();
        return TypedResults.Ok(new WebhookDeliveryPage(page, rows.Count > pageSize ? page[^1].DeliveryId : null));
    }

    private static async Task<Results<Accepted<WebhookDeliveryView>, ProblemHttpResult>> ReplayAsync(
        string tenant, string webhookId, [Range(typeof(long), "1", WholeNumbers.LongMax)] long deliveryId, WebhookDeliveries deliveries, HttpContext http)
    {
        var row = await deliveries.ReplayAsync(tenant, webhookId, deliveryId, http.RequestAborted);
        return row is null
            ? Problems.NotFound(ApiPhrases.NoDelivery.Say(webhookId, tenant, deliveryId))
            : TypedResults.Accepted($"/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries?before={deliveryId + 1}&limit=1", DeliveryView(row));
    }

    /// <summary>Every invalid field at once, by its name in the body; a well-formed URL's host must also be a public address (<see cref="WebhookTargets.RefusalAsync"/>).</summary>
    private static async Task<Dictionary<string, string[]>> ValidateAsync(string? url, IReadOnlyList<string>? eventTypes, string? description,
        WebhookOptions options, WebhookTargets targets, CancellationToken ct)
    {
        var errors = Validate(url, eventTypes, description, options);
        if (!errors.ContainsKey("url") && await targets.RefusalAsync(new Uri(url!, UriKind.Absolute), ct) is { } refused) errors["url"] = [refused];
        return errors;
    }

    private static Dictionary<string, string[]> Validate(string? url, IReadOnlyList<string>? eventTypes, string? description, WebhookOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (WebhookUrls.Problem(url, options.AllowInsecureUrls) is { } urlProblem) errors["url"] = [urlProblem];

        if (eventTypes is null || eventTypes.Count == 0) errors["eventTypes"] = [ApiPhrases.NoEventTypes.Say()];
        else if (eventTypes.Count > MaxEventTypes) errors["eventTypes"] = [ApiPhrases.TooManyEventTypes.Say(MaxEventTypes)];
        else
        {
            var bad = eventTypes.Where(t => t is null || !WebhookEventTypes.IsValid(t)).ToList();
            if (bad.Count > 0) errors["eventTypes"] = [ApiPhrases.UnknownEventTypes.Say(WordedList.Each(bad.Select(t => $"'{t}'")),
                WordedList.Each(WebhookEventTypes.All), WordedList.Each(WebhookEventTypes.Families))];
        }
        if (description is { Length: > MaxDescriptionLength }) errors["description"] = [ApiPhrases.FieldTooLong.Say("description", MaxDescriptionLength)];
        else if (StorableText.Problem(description) is { } problem) errors["description"] = [$"'description' {problem}"];
        return errors;
    }

    /// <summary>A second subscription to one URL would post every notification twice: 409, naming the one there is.</summary>
    private static ProblemHttpResult SameUrl(WebhookSubscriptionRow same) =>
        Problems.Conflict("url", ApiPhrases.UrlSubscribed.Say(same.SubscriptionId, same.Url));

    private static string? Description(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static ProblemHttpResult NotFound(string webhookId) =>
        Problems.NotFound(Ids.IsValid(webhookId) ? ApiPhrases.NoWebhook.Say(webhookId) : Ids.Describe("webhookId"));

    private static WebhookView View(WebhookSubscriptionRow r) => new(r.SubscriptionId, r.Url, r.EventTypes, r.Description, r.Enabled, r.DisabledReason,
        r.DisabledAt, r.ConsecutiveFailures, r.FailingSince, r.LastSuccessAt, r.CreatedAt, r.UpdatedAt);

    private static WebhookDeliveryView DeliveryView(WebhookDeliveryRow r)
    {
        using var data = JsonDocument.Parse(r.Data);
        return new WebhookDeliveryView(r.Id, r.NotificationId, r.Type, r.CustomerId, r.OccurredAt, r.State, r.Attempts, r.LastAttemptAt, r.LastStatus,
            r.LastError, r.NextAttemptAt, r.DeliveredAt, data.RootElement.Clone());
    }
}
