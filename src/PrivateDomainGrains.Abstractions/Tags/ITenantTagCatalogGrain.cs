using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Tags;

/// <summary>
/// A tenant's tag catalog: groups and tags with names in several languages, the one place it is changed and versioned.
/// Key: the tenant id. Silos cache it with the playbook and poll <see cref="GetVersionAsync"/>; customers' decisions
/// enforce its exclusive groups within <c>Decisions:RefreshInterval</c> of a change. Renaming, merging or deleting a
/// tag changes the catalog here; the customers holding it are changed by a tag job (<see cref="ITagJobGrain"/>).
/// </summary>
[Alias("pdg.ITenantTagCatalogGrain")]
public interface ITenantTagCatalogGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly] Task<TagCatalogDocument> GetAsync();

    /// <summary>The current version, 0 for a catalog never changed: cheap enough for every silo to poll.</summary>
    [Alias("GetVersion"), ReadOnly] Task<int> GetVersionAsync();

    /// <summary>
    /// Creates the group (conflict if its id exists) or, with <paramref name="create"/> false, replaces its names and
    /// exclusivity (not found if absent). Making it exclusive while customers hold two or more of its tags is a conflict
    /// on <c>exclusive</c> counting them, and changes nothing; so is a name another group has in any language, compared
    /// as a person reads it (<c>Core/Tags/CatalogNames.cs</c>), a conflict on <c>names.{language}</c>.
    /// </summary>
    [Alias("PutGroup")] Task<TagCatalogOutcome> PutGroupAsync(TagGroupDefinition group, bool create);

    /// <summary>Deletes the group; its tags stay in the catalog outside any group (customers keep them).</summary>
    [Alias("DeleteGroup")] Task<TagCatalogOutcome> DeleteGroupAsync(string groupId);

    /// <summary>
    /// Creates the catalog tag (conflict if it exists; a free tag customers already hold may become a catalog tag) or,
    /// with <paramref name="create"/> false, replaces its group and names. An unknown group is invalid (field <c>groupId</c>);
    /// joining an exclusive group while customers hold the tag with another of its tags is a conflict on <c>groupId</c>
    /// counting them, and changes nothing; so is a name another tag of its group (or outside any group, as it is) is
    /// shown by, a conflict on <c>names.{language}</c> (or <c>tag</c> for a tag without names, shown as itself).
    /// </summary>
    [Alias("PutTag")] Task<TagCatalogOutcome> PutTagAsync(CatalogTag tag, bool create);

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> in the catalog (keeping group and names). Conflict when
    /// both are catalog tags (merge instead). Not found (on <c>tag</c>) when the tag does not exist: not in the catalog,
    /// held by no customer, named by no rule or keyword of the playbook, and not renamed so by this same change before.
    /// A tag not in the catalog (a free tag, or one renamed already) changes nothing here, so a rename whose holders'
    /// job did not start can simply be sent again. <paramref name="jobId"/> is
    /// the job that will change the holders: while it runs, the tag takes no other rename, merge or delete (409 naming
    /// it), and the same rename sent again is answered with that job (<see cref="TagCatalogOutcome.JobId"/>), so one
    /// tag never becomes two. The tenant's playbook is rewritten where it names <paramref name="from"/>, as its next
    /// version stored by <c>system: tag rename</c> (none when it does not name it).
    /// </summary>
    [Alias("RenameTag")] Task<TagCatalogOutcome> RenameTagAsync(string from, string to, string jobId);

    /// <summary>
    /// Merges <paramref name="from"/> into <paramref name="into"/>: <paramref name="from"/> leaves the catalog, and
    /// <paramref name="into"/> joins it with <paramref name="from"/>'s group and names if it was not there. The playbook
    /// is rewritten to name <paramref name="into"/>, as for <see cref="RenameTagAsync"/>.
    /// </summary>
    /// <remarks>One change at a time per tag, and not found for a tag that does not exist, as for <see cref="RenameTagAsync"/>; <paramref name="into"/> need not exist.</remarks>
    [Alias("MergeTag")] Task<TagCatalogOutcome> MergeTagAsync(string from, string into, string jobId);

    /// <summary>
    /// Removes the tag from the catalog (a free tag: nothing to remove here; its holders still lose it). Not found (on
    /// <c>tag</c>) when it is neither in the catalog nor held by a customer (nor deleted by this same change before).
    /// </summary>
    /// <remarks>One change at a time per tag, as for <see cref="RenameTagAsync"/>.</remarks>
    [Alias("DeleteTag")] Task<TagCatalogOutcome> DeleteTagAsync(string tag, string jobId);

    /// <summary>
    /// Records batch job <paramref name="jobId"/> (not started yet) as adding <paramref name="add"/> and removing
    /// <paramref name="remove"/> while it runs. A conflict (on <c>add</c> or <c>remove</c>, naming the catalog's job)
    /// when a rename, merge or delete of one of those tags, or into one of them, is still running: a batch and such a
    /// change of one tag never run at once, so which reaches a customer first never decides what the customer holds.
    /// </summary>
    [Alias("ClaimBatch")] Task<TagCatalogOutcome> ClaimBatchAsync(string jobId, string[] add, string[] remove);
}
