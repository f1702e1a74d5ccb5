using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// The notifications a subscription can take, listed in this one place: the API's validation, the list it serves
/// (<c>GET .../webhooks/event-types</c>, read by the console's event-type picker) and the README's table all come from
/// <see cref="All"/> (tests check the README and that a <c>*</c> subscription gets nothing outside it). A subscription
/// names exact types, a family (the part before the dot and <c>.*</c>: <c>nudge.*</c>, <c>customer.*</c>, ...) or
/// <c>*</c> for everything, also types added later to the family.
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
    public const string CustomerStatusChanged = "customer." + CustomerChangeKinds.StatusChanged;

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

    /// <summary>
    /// Every type the platform sends. customer.* mirror the customer changes of the timeline (<see cref="CustomerChangeKinds"/>:
    /// tag-added, tag-removed, owner-changed, tier-changed, field-set, status-changed, and a merge's merged on the survivor,
    /// merged-into on the absorbed customer, merge-undone on both).
    /// </summary>
    public static readonly IReadOnlyList<string> All =
    [
        NudgeRaised, NudgeClosed, Customer(CustomerChangeKinds.TagAdded), Customer(CustomerChangeKinds.TagRemoved), Customer(CustomerChangeKinds.OwnerChanged),
        Customer(CustomerChangeKinds.TierChanged), Customer(CustomerChangeKinds.FieldSet), CustomerStatusChanged, Customer(CustomerChangeKinds.Merged),
        Customer(CustomerChangeKinds.MergedInto), Customer(CustomerChangeKinds.MergeUndone), OrderUnmatched, OrderAttached, IdentityConflict,
        HandoverFinished, WebhookDisabled,
    ];

    /// <summary>The families of <see cref="All"/> (<c>nudge.*</c>, <c>customer.*</c>, ...), in its order.</summary>
    public static readonly IReadOnlyList<string> Families = [.. All.Select(t => t[..t.IndexOf('.')] + ".*").Distinct()];

    /// <summary>What a subscription may name: <c>*</c>, a family or a type.</summary>
    public static readonly IReadOnlyList<string> Accepted = ["*", .. Families, .. All];

    private static readonly HashSet<string> AcceptedSet = [.. Accepted];

    public static bool IsValid(string type) => AcceptedSet.Contains(type);

    private static string Customer(string kind) => "customer." + kind;
}
