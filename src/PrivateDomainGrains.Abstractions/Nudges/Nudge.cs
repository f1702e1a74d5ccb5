namespace PrivateDomainGrains.Abstractions.Nudges;

/// <summary>A prompt for one staff member about one customer. The SignalR <c>nudges</c> message carries arrays of these.</summary>
[GenerateSerializer, Immutable, Alias("pdg.Nudge")]
public sealed record Nudge(
    [property: Id(0)] string Id,
    [property: Id(1)] string Tenant,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string StaffId,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Title,
    [property: Id(6)] string Text,
    [property: Id(7)] string Reason,
    [property: Id(8)] int Priority,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] string? EventId)
{
    /// <summary>Content the owner could send, e.g. a guide or a coupon.</summary>
    [Id(11)] public string? Suggested { get; init; }

    /// <summary>Why: the rule, the scores, and the alternatives with the policies that stopped them.</summary>
    [Id(12)] public string? Explanation { get; init; }

    /// <summary>The customer's display name (null when unknown: show the id).</summary>
    [Id(13)] public string? CustomerName { get; init; }

    /// <summary>The rule, or <c>sequence/step</c>, that raised it.</summary>
    [Id(14)] public string? Source { get; init; }

    /// <summary>When it closes as expired if nobody acts on it.</summary>
    [Id(15)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Hidden from the queue until then (snoozed by its staff member); null when not snoozed.</summary>
    [Id(16)] public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>
    /// The campaign's name when a campaign raised it (<see cref="Source"/> <c>campaign:{id}</c>): staff may not list
    /// campaigns, so the console takes the name from here. Null for a rule's nudge, or while the name could not be read.
    /// Filled by the node that sends it to a console (<c>Host/Hubs/CampaignNames.cs</c>), not stored with the nudge.
    /// </summary>
    [Id(17)] public string? CampaignName { get; init; }
}
