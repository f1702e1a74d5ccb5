namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>What a merge or an undo asked of a customer grain came to.</summary>
/// <param name="Problem">Why not, naming what: for <see cref="MergeStatus.NotFound"/> and <see cref="MergeStatus.Conflict"/>.</param>
/// <param name="Survivor">The survivor as it is now, when done.</param>
[GenerateSerializer, Immutable, Alias("pdg.MergeOutcome")]
public sealed record MergeOutcome(
    [property: Id(0)] MergeStatus Status,
    [property: Id(1)] string? Problem,
    [property: Id(2)] CustomerMergeView? Merge,
    [property: Id(3)] CustomerView? Survivor)
{
    public static MergeOutcome NotFound(string problem) => new(MergeStatus.NotFound, problem, null, null);

    public static MergeOutcome Conflict(string problem) => new(MergeStatus.Conflict, problem, null, null);
}

[GenerateSerializer, Alias("pdg.MergeStatus")]
public enum MergeStatus
{
    Done,
    /// <summary>A customer (or the merge) the tenant does not have.</summary>
    NotFound,
    /// <summary>Not possible as things are: nothing was changed.</summary>
    Conflict,
}
