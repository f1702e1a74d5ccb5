namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>A customer as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("pdg.CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Owner,
    [property: Id(3)] string Status,
    [property: Id(4)] string Tier,
    [property: Id(5)] string[] Tags,
    [property: Id(6)] CustomerCountersView Counters,
    [property: Id(7)] NextBestActionView? NextBestAction,
    [property: Id(8)] InteractionView[] RecentInteractions,
    [property: Id(9)] DateTimeOffset? FirstSeenAt,
    [property: Id(10)] DateTimeOffset? LastInteractionAt)
{
    /// <summary>Version of the tenant playbook the customer's last decision used.</summary>
    [Id(11)] public int PlaybookVersion { get; init; }

    /// <summary>When the customer is next due (an SOP step, a timer rule, a held nudge); null when nothing is pending.</summary>
    [Id(12)] public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>How the owner was chosen: <c>assigned</c>, <c>follower</c> (the first current follower), <c>fallback</c> (the playbook's).</summary>
    [Id(13)] public string? OwnerBasis { get; init; }

    /// <summary>One per staff member the customer added (or deleted), in the order first heard of.</summary>
    [Id(14)] public RelationshipView[] Relationships { get; init; } = [];

    /// <summary>Custom fields set by the playbook's <c>setField</c> actions (e.g. <c>remark</c>, the owner's 备注), by name.</summary>
    [Id(15)] public Dictionary<string, string> Fields { get; init; } = [];

    /// <summary>Recency, frequency and monetary scores, 0-5 each (0: never ordered), as of when the view was made (<c>Core/Tiers/RfmScores.cs</c>).</summary>
    [Id(16)] public RfmView Rfm { get; init; } = new(0, 0, 0);

    /// <summary>Lifetime value (paid minus refunded) per currency, the customer's own first; never added across currencies.</summary>
    [Id(17)] public MoneyView[] LifetimeValue { get; init; } = [];

    /// <summary>
    /// The customer's phone numbers from its identities (the identity index: E.164, e.g. <c>+8613800138000</c>), in the
    /// order added. The customer routes fill it from the index; the grain, which does not hold identities, leaves it empty.
    /// </summary>
    [Id(18)] public string[] Phones { get; init; } = [];
}

/// <summary>RFM scores, each 1 (lowest) to 5 (highest), 0 for a customer who never ordered.</summary>
[GenerateSerializer, Immutable, Alias("pdg.RfmView")]
public sealed record RfmView(
    [property: Id(0)] int Recency,
    [property: Id(1)] int Frequency,
    [property: Id(2)] int Monetary);

/// <summary>An amount in major units (yuan, dollars) of an ISO 4217 currency (<c>XXX</c>: amounts that named none).</summary>
[GenerateSerializer, Immutable, Alias("pdg.MoneyView")]
public sealed record MoneyView(
    [property: Id(0)] string Currency,
    [property: Id(1)] decimal Amount);

/// <summary>
/// A staff member's friendship with the customer (WeCom: each staff account that added the external contact).
/// <see cref="Active"/> follows the latest add or delete by event time.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.RelationshipView")]
public sealed record RelationshipView(
    [property: Id(0)] string StaffId,
    [property: Id(1)] DateTimeOffset Since,
    [property: Id(2)] bool Active,
    [property: Id(3)] DateTimeOffset ChangedAt,
    [property: Id(4)] string? Channel);

[GenerateSerializer, Immutable, Alias("pdg.CustomerCountersView")]
public sealed record CustomerCountersView(
    [property: Id(0)] int MessagesReceived,
    [property: Id(1)] int MessagesSent,
    [property: Id(2)] int MomentLikes,
    [property: Id(3)] int MomentComments,
    [property: Id(4)] int PageViews,
    [property: Id(5)] int Orders,
    [property: Id(6)] int Refunds,
    [property: Id(7)] decimal Spend,
    [property: Id(8)] string? Currency,
    [property: Id(9)] long Events);

[GenerateSerializer, Immutable, Alias("pdg.NextBestActionView")]
public sealed record NextBestActionView(
    [property: Id(0)] string NudgeId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string Text,
    [property: Id(4)] string Reason,
    [property: Id(5)] int Priority,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? Why)
{
    /// <summary>
    /// When a campaign raised it (<see cref="Reason"/> <c>campaign {id}</c>), the campaign's name, which staff cannot read
    /// otherwise; null for a rule's nudge. Filled by the routes answering a customer, not by the grain.
    /// </summary>
    [Id(8)] public string? CampaignName { get; init; }
}

[GenerateSerializer, Immutable, Alias("pdg.InteractionView")]
public sealed record InteractionView(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Channel,
    [property: Id(4)] string? StaffId,
    [property: Id(5)] string? Text);
