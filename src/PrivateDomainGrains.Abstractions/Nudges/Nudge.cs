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
}
