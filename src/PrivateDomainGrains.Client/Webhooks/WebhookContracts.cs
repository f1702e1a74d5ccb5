using System.Text.Json;

namespace PrivateDomainGrains.Client;

/// <param name="Url">An absolute https URL (http only where the platform allows it), without user info, on a public address (loopback, link-local, private, multicast and unspecified addresses are refused with a 400 naming url, unless the platform allows private targets).</param>
/// <param name="EventTypes">Types (nudge.raised, customer.tag-added, customer.merged, ...: every one <see cref="WebhooksClient.ListEventTypesAsync"/> lists), their families (nudge.*, customer.*, ...) or *.</param>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null);

/// <summary>What a subscription may name besides <c>*</c>.</summary>
/// <param name="Types">Every notification type the platform sends, family by family.</param>
/// <param name="Families">Each type's family (<c>nudge.*</c>, <c>customer.*</c>, ...): all its types, also those added later.</param>
public sealed record WebhookEventTypeList(IReadOnlyList<string> Types, IReadOnlyList<string> Families);

/// <param name="Enabled">False pauses the subscription; true re-enables a disabled one, its failures forgotten.</param>
public sealed record UpdateWebhookRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null, bool Enabled = true);

/// <summary>A webhook subscription; <see cref="DisabledReason"/> says why it is disabled (by an administrator, or its failures).</summary>
public sealed record WebhookView(string WebhookId, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled,
    string? DisabledReason, DateTimeOffset? DisabledAt, int ConsecutiveFailures, DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The tenant's subscriptions, as the API answers them (<see cref="WebhooksClient.ListAsync"/> returns the items).</summary>
public sealed record WebhookList(IReadOnlyList<WebhookView> Items);

/// <summary>A subscription with its signing secret (<c>whsec_</c> + base64), shown this once; verify requests with <see cref="WebhookSignature"/>.</summary>
public sealed record WebhookSecretIssued(WebhookView Webhook, string Secret);

/// <summary>One notification for a subscription: <see cref="State"/> pending, delivered or failed, with the last attempt's status or error.</summary>
/// <param name="DeliveryId">The body's <c>sequence</c>: increasing in commit order.</param>
/// <param name="NotificationId">The body's <c>id</c> and the <c>webhook-id</c> header.</param>
public sealed record WebhookDeliveryView(long DeliveryId, string NotificationId, string Type, string? CustomerId, DateTimeOffset OccurredAt,
    string State, int Attempts, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt, JsonElement Data);

/// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null on the last page.</param>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryView> Items, long? NextBefore);
