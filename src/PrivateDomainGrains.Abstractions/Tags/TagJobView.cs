namespace PrivateDomainGrains.Abstractions.Tags;

/// <summary>What a tag job does to each of its customers: remove <see cref="Remove"/>, then add <see cref="Add"/>.</summary>
/// <param name="Kind">A <see cref="TagJobKinds"/> value: a batch, or the holders' side of a catalog rename, merge or delete.</param>
/// <param name="Source">Where its customers came from: <c>ids</c>, <c>csv</c>, <c>filter</c>, <c>segment</c> (a saved one), or <c>holders</c> (of a tag).</param>
/// <param name="By">The staff member who started it from the console (their change in each timeline); null: an integration or admin key.</param>
[GenerateSerializer, Immutable, Alias("pdg.TagJobSpec")]
public sealed record TagJobSpec(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Source,
    [property: Id(2)] string[] Add,
    [property: Id(3)] string[] Remove,
    [property: Id(4)] string? By = null);

/// <summary>
/// A tag job's progress. <see cref="Total"/> rows were staged when it started; each ends <see cref="Done"/> (its tags
/// changed, or already were as asked: <see cref="Changed"/> counts the former) or <see cref="Failed"/> (unknown
/// customer, unresolved identity, an error): a completed job has <c>Done + Failed == Total</c>, restarts included.
/// After a restart, the customers of the page in flight (changed, not yet recorded) are worked again and count as
/// unchanged, so <see cref="Changed"/> may fall short by up to one page. Per-row results are read page by page.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.TagJobView")]
public sealed record TagJobView(
    [property: Id(0)] string JobId,
    [property: Id(1)] TagJobSpec Spec,
    [property: Id(2)] string State,
    [property: Id(3)] long Total,
    [property: Id(4)] long Done,
    [property: Id(5)] long Changed,
    [property: Id(6)] long Failed,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset? FinishedAt);

/// <summary>The values of <see cref="TagJobSpec.Kind"/>.</summary>
public static class TagJobKinds
{
    public const string Batch = "batch", Rename = "rename", Merge = "merge", Delete = "delete";
}

/// <summary>The values of <see cref="TagJobView.State"/>.</summary>
public static class TagJobStates
{
    /// <summary><see cref="Cancelled"/>: stopped on request at a page boundary; its rows not worked stay pending.</summary>
    public const string Running = "running", Completed = "completed", Cancelled = "cancelled";
}
