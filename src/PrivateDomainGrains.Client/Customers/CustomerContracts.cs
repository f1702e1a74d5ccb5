namespace PrivateDomainGrains.Client;

/// <summary>A customer: owner, status, tier, tags, counters, next-best-action and the latest interactions.</summary>
/// <param name="PlaybookVersion">The tenant playbook version its last decision used.</param>
/// <param name="NextDueAt">When it is next due (an SOP step, a timer rule, a held nudge); null when nothing is pending.</param>
public sealed record CustomerView(
    string CustomerId, string? Name, string? Owner, string Status, string Tier, IReadOnlyList<string> Tags, CustomerCountersView Counters,
    NextBestActionView? NextBestAction, IReadOnlyList<InteractionView> RecentInteractions, DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastInteractionAt, int PlaybookVersion, DateTimeOffset? NextDueAt)
{
    /// <summary>How the owner was chosen: <c>assigned</c>, <c>follower</c>, <c>fallback</c>; null without an owner.</summary>
    public string? OwnerBasis { get; init; }

    /// <summary>One per staff member the customer added (or deleted).</summary>
    public IReadOnlyList<RelationshipView> Relationships { get; init; } = [];

    /// <summary>Custom fields set by the playbook's <c>setField</c> actions (e.g. <c>remark</c>), by name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Recency, frequency and monetary scores, 0-5 each (0: never ordered), as of the request.</summary>
    public RfmView Rfm { get; init; } = new(0, 0, 0);

    /// <summary>Lifetime value (paid minus refunded) per currency, the customer's own first; never added across currencies.</summary>
    public IReadOnlyList<MoneyView> LifetimeValue { get; init; } = [];

    /// <summary>The customer's phone numbers from its identities (E.164, e.g. <c>+8613800138000</c>), in the order added.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];
}

/// <summary>RFM scores, each 1 (lowest) to 5 (highest), 0 for a customer who never ordered.</summary>
public sealed record RfmView(int Recency, int Frequency, int Monetary);

/// <summary>An amount in major units of an ISO 4217 currency (<c>XXX</c>: amounts that named none).</summary>
public sealed record MoneyView(string Currency, decimal Amount);

/// <summary>A staff member's friendship with the customer; <see cref="Active"/> follows the latest add or delete by event time.</summary>
public sealed record RelationshipView(string StaffId, DateTimeOffset Since, bool Active, DateTimeOffset ChangedAt, string? Channel);

public sealed record CustomerCountersView(
    int MessagesReceived, int MessagesSent, int MomentLikes, int MomentComments, int PageViews, int Orders, int Refunds,
    decimal Spend, string? Currency, long Events);

/// <param name="Why">The explanation: rule, scores, and the alternatives with the policies that stopped them.</param>
public sealed record NextBestActionView(string NudgeId, string Kind, string Title, string Text, string Reason, int Priority, DateTimeOffset At, string? Why)
{
    /// <summary>When a campaign (群发) raised it, the campaign's name; null for a rule's nudge.</summary>
    public string? CampaignName { get; init; }
}

public sealed record InteractionView(string EventId, string Type, DateTimeOffset At, string? Channel, string? StaffId, string? Text);

/// <param name="Seq">The event's place in the customer's journal.</param>
public sealed record InteractionItem(long Seq, string EventId, string Type, DateTimeOffset At, string? Channel, string? StaffId, string? Text,
    IReadOnlyDictionary<string, string>? Data);

/// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null on the last page.</param>
public sealed record InteractionPage(IReadOnlyList<InteractionItem> Items, long? NextBefore);

public sealed record OwnerRequest(string StaffId);

public sealed record TagsRequest(IReadOnlyList<string> Tags);

/// <param name="AbsorbedId">The customer merged into the survivor; its id redirects to the survivor until the merge is undone.</param>
/// <param name="AbsorbedTenant">Optional: the absorbed customer's tenant; customers of two tenants never merge (409).</param>
public sealed record MergeRequest(string AbsorbedId, string? AbsorbedTenant = null);

/// <summary>One merge: <paramref name="AbsorbedId"/> into <paramref name="SurvivorId"/>, and what moved.</summary>
/// <param name="MovedEvents">The absorbed customer's journaled events, now at the end of the survivor's history.</param>
/// <param name="MergedBy">The credential that merged, as the audit log names it.</param>
/// <param name="UndoneAt">When it was undone; null while the absorbed id redirects to the survivor.</param>
public sealed record CustomerMergeView(
    string MergeId, string SurvivorId, string AbsorbedId, DateTimeOffset MergedAt, string MergedBy, long MovedEvents, int MovedIdentities,
    int MovedNudges, DateTimeOffset? UndoneAt, string? UndoneBy);

/// <summary>A merge or its undo, and the survivor as it is after it.</summary>
public sealed record MergeResult(CustomerMergeView Merge, CustomerView Survivor);

/// <summary>Merges into a customer and out of it, newest first, undone ones included.</summary>
public sealed record MergeList(IReadOnlyList<CustomerMergeView> Items);
