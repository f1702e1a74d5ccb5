namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// What a customer about to be absorbed hands to the survivor (<see cref="ICustomerGrain.HandToMergeAsync"/>): its
/// profile as just snapshotted, that snapshot's revision, its journal length and due time; or why it cannot be merged.
/// </summary>
/// <param name="Profile">UTF-8 JSON of the profile (the snapshot body); null unless <see cref="Problem"/> is null.</param>
/// <param name="Problem">Why it cannot be merged (unknown, erased, merged into another already); null when it can.</param>
/// <param name="Unknown">True when the problem is that nothing is known about the customer (a 404, not a 409).</param>
[GenerateSerializer, Immutable, Alias("pdg.MergeHandoff")]
public sealed record MergeHandoff(
    [property: Id(0)] byte[]? Profile,
    [property: Id(1)] long Revision,
    [property: Id(2)] long JournalSequence,
    [property: Id(3)] DateTimeOffset? DueAt,
    [property: Id(4)] string? Problem,
    [property: Id(5)] bool Unknown = false);
