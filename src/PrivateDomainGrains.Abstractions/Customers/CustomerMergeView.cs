namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// One merge of two customers (issue 14): <see cref="AbsorbedId"/> was merged into <see cref="SurvivorId"/> and, until
/// <see cref="UndoneAt"/>, redirects to it.
/// </summary>
/// <param name="MovedEvents">The absorbed customer's journaled events, now at the end of the survivor's history.</param>
/// <param name="MovedIdentities">Identities that named the absorbed customer and name the survivor now.</param>
/// <param name="MovedNudges">Nudges about the absorbed customer (open and closed) now about the survivor.</param>
/// <param name="MergedBy">Who merged: <c>staff:{id}</c> from the console, <c>api</c> or <c>key:{name}</c> from the API.</param>
[GenerateSerializer, Immutable, Alias("pdg.CustomerMergeView")]
public sealed record CustomerMergeView(
    [property: Id(0)] string MergeId,
    [property: Id(1)] string SurvivorId,
    [property: Id(2)] string AbsorbedId,
    [property: Id(3)] DateTimeOffset MergedAt,
    [property: Id(4)] string MergedBy,
    [property: Id(5)] long MovedEvents,
    [property: Id(6)] int MovedIdentities,
    [property: Id(7)] int MovedNudges,
    [property: Id(8)] DateTimeOffset? UndoneAt,
    [property: Id(9)] string? UndoneBy);
