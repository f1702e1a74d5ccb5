using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Client;

/// <param name="GroupId">1-128 letters, digits and <c>-_.:@</c>.</param>
/// <param name="Names">Display name per language (<c>zh-CN</c>, <c>en</c>...), at least one.</param>
/// <param name="Exclusive">A customer holds at most one tag of the group: adding one removes the others.</param>
public sealed record CreateTagGroupRequest(string GroupId, IReadOnlyDictionary<string, string> Names, bool Exclusive = false);

/// <summary>Changes to a group; a null field stays as it is.</summary>
public sealed record UpdateTagGroupRequest(IReadOnlyDictionary<string, string>? Names = null, bool? Exclusive = null);

/// <summary>A tag group and its catalog tags.</summary>
public sealed record TagGroupView(string GroupId, IReadOnlyDictionary<string, string> Names, bool Exclusive, IReadOnlyList<string> Tags);

/// <param name="Version">The catalog's version, 0 until its first change.</param>
public sealed record TagGroupList(int Version, IReadOnlyList<TagGroupView> Items);

/// <param name="Tag">What customers hold: 1-64 printable characters.</param>
/// <param name="GroupId">Its group, or null.</param>
/// <param name="Names">Display name per language; may be empty.</param>
public sealed record CreateTagRequest(string Tag, string? GroupId = null, IReadOnlyDictionary<string, string>? Names = null);

/// <summary>Changes to a catalog tag; null stays as it is, an empty <see cref="GroupId"/> takes it out of its group.</summary>
public sealed record UpdateTagRequest(string? GroupId = null, IReadOnlyDictionary<string, string>? Names = null);

public sealed record RenameTagRequest(string To);

public sealed record MergeTagRequest(string Into);

/// <summary>A catalog tag, or a free tag customers hold (<see cref="InCatalog"/> false).</summary>
/// <param name="Holders">Customers holding it now.</param>
public sealed record TagItem(string Tag, bool InCatalog, string? GroupId, IReadOnlyDictionary<string, string> Names, long Holders);

public sealed record TagList(int Version, IReadOnlyList<TagItem> Items);

/// <summary>Which directory customers a batch goes through: every condition given must hold.</summary>
/// <param name="Tier">Prospect, FirstPurchase, Repeat, SuperUser or Dormant.</param>
public sealed record TagJobFilterRequest(IReadOnlyList<string>? TagsAny = null, IReadOnlyList<string>? TagsAll = null, string? Owner = null,
    string? Tier = null, string? Status = null);

/// <summary>A batch: exactly one of <see cref="CustomerIds"/>, <see cref="Filter"/> and <see cref="SegmentId"/> (a saved segment's members); removes, then adds.</summary>
public sealed record TagJobRequest(IReadOnlyList<string>? Add = null, IReadOnlyList<string>? Remove = null, IReadOnlyList<string>? CustomerIds = null,
    TagJobFilterRequest? Filter = null, string? SegmentId = null);

/// <summary>What a job does to each customer. <see cref="Kind"/>: batch, rename, merge or delete; <see cref="Source"/>: ids, csv, filter, segment or holders.</summary>
/// <param name="By">The staff member who started it from the console; null for a key.</param>
public sealed record TagJobSpec(string Kind, string Source, IReadOnlyList<string> Add, IReadOnlyList<string> Remove, string? By = null);

/// <summary>The tag catalog as the console shows it: groups with their tags, and every catalog tag with its names.</summary>
public sealed record ConsoleTagCatalog(int Version, IReadOnlyList<TagGroupView> Groups, IReadOnlyList<ConsoleCatalogTag> Tags);

/// <summary>A catalog tag: its group (or null) and display names per language.</summary>
public sealed record ConsoleCatalogTag(string Tag, string? GroupId, IReadOnlyDictionary<string, string> Names);

/// <summary>
/// A tag job's progress: a completed job has <c>Done + Failed == Total</c>; <see cref="Changed"/> of the done changed a
/// tag. A cancelled job stopped at a page boundary: what it did stays done, the rest of its rows stay <c>pending</c>.
/// </summary>
/// <param name="State"><c>running</c>, <c>completed</c> or <c>cancelled</c>.</param>
public sealed record TagJobView(string JobId, TagJobSpec Spec, string State, long Total, long Done, long Changed, long Failed,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    [JsonIgnore] public bool Completed => State == "completed";

    [JsonIgnore] public bool Cancelled => State == "cancelled";
}

/// <summary>The job runs in the background: poll <see cref="TagsClient.GetJobAsync"/> with <see cref="JobId"/>.</summary>
public sealed record TagJobAccepted(string JobId, string StatusUrl, TagJobView Job);

/// <summary>One row of a job: <see cref="Status"/> pending, changed, unchanged or failed (<see cref="Error"/> says why).</summary>
public sealed record TagJobRowItem(int Seq, string Input, string? CustomerId, string Status, string? Error);

/// <param name="NextAfter">The <c>after</c> of the next page; null on the last.</param>
public sealed record TagJobRowPage(IReadOnlyList<TagJobRowItem> Items, int? NextAfter);
