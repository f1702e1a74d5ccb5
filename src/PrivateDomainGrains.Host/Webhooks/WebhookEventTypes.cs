namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// The notifications a subscription can take. A subscription names exact types, a family (<c>nudge.*</c>,
/// <c>customer.*</c>, <c>order.*</c>, <c>identity.*</c>, <c>handover.*</c>) or <c>*</c> for everything, also types added later to the family.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>A nudge was raised for a staff member (its id, customer, staff member, kind, title, text, reason, priority, source).</summary>
    public const string NudgeRaised = "nudge.raised";

    /// <summary>A nudge closed: <c>how</c> done, not-useful (by <c>closedBy</c>), done-by-action, obsolete or expired (by the platform).</summary>
    public const string NudgeClosed = "nudge.closed";

    /// <summary>Another subscription of the tenant was disabled for its failures (webhookId, url, disabledReason, disabledAt): the owner told.</summary>
    public const string WebhookDisabled = "webhook.disabled";

    /// <summary>The customer was lost (every relationship ended) or regained: <c>customerId</c>, <c>from</c> and <c>to</c> (Unknown, Active, Lost; one of them Lost).</summary>
    public const string CustomerStatusChanged = "customer.status-changed";

    /// <summary>
    /// An order event (<c>order.*</c>) named its customer only by identities nobody holds (or a nickname) and waits in
    /// the pending pool: eventId, eventType, at, staffId, data (the event's), reason (unknown-identity, nickname-only).
    /// </summary>
    public const string OrderUnmatched = "order.unmatched";

    /// <summary>A pooled order event was attached to a customer (the notification's customerId): as order.unmatched, with customerId and settledBy (identity:kind=value, or api).</summary>
    public const string OrderAttached = "order.attached";

    /// <summary>
    /// An event was refused (409) because an identity it carries already names another customer: eventId, eventType,
    /// kind (the identity's kind; never its value), heldBy (the customer holding it, also the notification's customerId),
    /// named (the customer the event named). Once per event and kind.
    /// </summary>
    public const string IdentityConflict = "identity.conflict";

    /// <summary>A handover (or departure) completed: handoverId, from, to, departure, moved, remaining, failed, passes, startedAt, finishedAt.</summary>
    public const string HandoverFinished = global::PrivateDomainGrains.Grains.Handovers.HandoverGrain.FinishedNotification;

    /// <summary>Every type there is; customer.* mirror the customer changes of the timeline (tag-added, tag-removed, owner-changed, tier-changed, field-set, status-changed).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        NudgeRaised, NudgeClosed, "customer.tag-added", "customer.tag-removed", "customer.owner-changed", "customer.tier-changed", "customer.field-set",
        CustomerStatusChanged, OrderUnmatched, OrderAttached, IdentityConflict, HandoverFinished, WebhookDisabled,
    ];

    private static readonly HashSet<string> Accepted = [.. All, "*", "nudge.*", "customer.*", "order.*", "identity.*", "handover.*", "webhook.*"];

    public static bool IsValid(string type) => Accepted.Contains(type);

    public static string Describe => $"one of {string.Join(", ", All)}, a family (nudge.*, customer.*, order.*, identity.*, handover.*, webhook.*) or *";
}
