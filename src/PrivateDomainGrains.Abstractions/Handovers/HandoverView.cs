namespace PrivateDomainGrains.Abstractions.Handovers;

/// <summary>
/// A handover's progress. <see cref="Total"/> is what the departing staff member owned when it started, plus customers
/// found later (given to them while it ran); <see cref="Failed"/> customers stay with their owner, and starting another
/// handover retries them. <see cref="Remaining"/> is what the last pass left with the departing staff member: a
/// completed handover left nothing (or only what failed).
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.HandoverView")]
public sealed record HandoverView(
    [property: Id(0)] string HandoverId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string State,
    [property: Id(4)] long Total,
    [property: Id(5)] long Moved,
    [property: Id(6)] long Failed,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset? FinishedAt)
{
    [Id(9)] public long Remaining { get; init; }
    [Id(10)] public bool Departure { get; init; }
}

/// <summary>The values of <see cref="HandoverView.State"/>.</summary>
public static class HandoverStates
{
    public const string Running = "running";
    public const string Completed = "completed";
}
