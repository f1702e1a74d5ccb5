using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tags;

/// <summary>
/// A tenant's tag catalog (<see cref="ITenantTagCatalogGrain"/>): checks each change against what is there, numbers
/// the versions and stores them. Shapes (ids, lengths, languages) are the API's to check; this grain checks what only
/// the whole catalog knows (exists, taken, unknown group), and what a change means for what exists already (issue 17):
/// <list type="bullet">
/// <item>A tag exists while it is in the catalog or a customer holds it (a free tag, as the tag list shows it), and for a
/// rename or merge also while the playbook names it (its rules are what the change rewrites): renaming, merging or
/// deleting one that does not is refused as not found, and no job starts. The same change sent again after it
/// went through (its answer lost, or its holders' job never started) is not refused: it is answered as a change is.</item>
/// <item>No two groups are shown by one name, nor two tags of one group (or two tags outside any group): a name is
/// compared folded, across languages (<see cref="CatalogNames"/>), and a change bringing a name another shows is refused
/// (a conflict naming <c>names.{language}</c>, or <c>tag</c>, <c>to</c>, <c>into</c> for a tag shown by itself).</item>
/// <item>A group made exclusive, or a tag joining an exclusive group, while customers hold two or more of its tags is
/// refused (a conflict naming how many): the catalog does not guess which tag those customers meant to keep. Remove the
/// extra tags with a tag job, then send the change again. Counted from the customer directory; a customer given a
/// second tag of the group between the count and the save keeps both until one is added again.</item>
/// <item>A batch job and a rename, merge or delete of a tag it adds or removes never run at once (either order is
/// refused, a conflict naming the running job): otherwise the batch goes on adding a tag the catalog deleted or renamed
/// away, and what a customer ends with depends on which job reached them first. A batch adding a tag of a group also
/// keeps the group's exclusivity as it is (deleting an exclusive group, making one exclusive or not, moving the tag in
/// or out of an exclusive group), which decides what its adds displace. The batch's tags are recorded here before it
/// starts (<see cref="ClaimBatchAsync"/>); one that finished, or never started within a minute, is over.</item>
/// <item>A rename or merge rewrites the tenant's playbook where it names the tag (triggers, conditions, actions, SOP
/// steps, keywords) as the next playbook version, stored by <see cref="TagRenameAuthor"/>, so rules keep firing for the
/// holders under the new name. Sent again, it finds nothing left to rewrite.</item>
/// </list>
/// </summary>
public sealed class TenantTagCatalogGrain(
    [PersistentState(PlatformStorage.TagCatalogState, PlatformStorage.Name)] IPersistentState<TagCatalogState> state,
    TagHolders holders,
    ILogger<TenantTagCatalogGrain> logger) : Grain, ITenantTagCatalogGrain
{
    /// <summary>Who the playbook history names for a version a tag rename or merge wrote.</summary>
    public const string TagRenameAuthor = "system: tag rename";

    private string Tenant => this.GetPrimaryKeyString();

    private TagCatalogState Catalog => state.State;

    public Task<TagCatalogDocument> GetAsync() => Task.FromResult(state.RecordExists
        ? new TagCatalogDocument(Catalog.Version, [.. Catalog.Groups.OrderBy(g => g.GroupId, StringComparer.Ordinal)],
            [.. Catalog.Tags.OrderBy(t => t.Tag, StringComparer.Ordinal)])
        : TagCatalogDocument.Empty);

    public Task<int> GetVersionAsync() => Task.FromResult(state.RecordExists ? Catalog.Version : 0);

    public async Task<TagCatalogOutcome> PutGroupAsync(TagGroupDefinition group, bool create)
    {
        var i = Catalog.Groups.FindIndex(g => g.GroupId == group.GroupId);
        if (create && i >= 0) return TagCatalogOutcome.Conflict("groupId", TagPhrases.GroupExists.Say(group.GroupId));
        if (!create && i < 0) return TagCatalogOutcome.NotFound("groupId", TagPhrases.NoGroup.Say(group.GroupId));
        var others = Catalog.Groups.Where(g => g.GroupId != group.GroupId).ToList();
        if (CatalogNames.Taken(Fields(group.Names, null), i >= 0 ? Catalog.Groups[i].Names.Values : [], [.. others.Select(g => g.Names.Values)]) is { } taken)
            return TagCatalogOutcome.Conflict(taken.Field, TagPhrases.GroupNameTaken.Say(taken.Shown, others[taken.Other].GroupId));
        if (group.Exclusive && !(i >= 0 && Catalog.Groups[i].Exclusive)
            && await HeldTogetherAsync("exclusive", group.GroupId, TagsOf(group.GroupId)) is { } held)
            return held;
        if (i >= 0 && group.Exclusive != Catalog.Groups[i].Exclusive && await BatchAddingAsync("exclusive", TagsOf(group.GroupId)) is { } adding)
            return adding;
        if (i >= 0) Catalog.Groups[i] = group;
        else Catalog.Groups.Add(group);
        return await SaveAsync($"group {group.GroupId} {(create ? "created" : "changed")}");
    }

    public async Task<TagCatalogOutcome> DeleteGroupAsync(string groupId)
    {
        if (Catalog.Groups.Find(g => g.GroupId == groupId) is not { } group) return TagCatalogOutcome.NotFound("groupId", TagPhrases.NoGroup.Say(groupId));
        if (group.Exclusive && await BatchAddingAsync("groupId", TagsOf(groupId)) is { } adding) return adding;
        Catalog.Groups.Remove(group);
        for (var i = 0; i < Catalog.Tags.Count; i++)
            if (Catalog.Tags[i].GroupId == groupId) Catalog.Tags[i] = Catalog.Tags[i] with { GroupId = null };
        return await SaveAsync($"group {groupId} deleted");
    }

    public async Task<TagCatalogOutcome> PutTagAsync(CatalogTag tag, bool create)
    {
        var i = IndexOf(tag.Tag);
        if (create && i >= 0) return TagCatalogOutcome.Conflict("tag", TagPhrases.InCatalog.Say(tag.Tag));
        if (!create && i < 0) return TagCatalogOutcome.NotFound("tag", TagPhrases.NotInCatalog.Say(tag.Tag));
        if (tag.GroupId is { } groupId && !Catalog.Groups.Exists(g => g.GroupId == groupId))
            return TagCatalogOutcome.Invalid("groupId", TagPhrases.NoGroup.Say(groupId));
        if (NameTaken(tag, tag.Tag, null) is { } taken) return taken;
        if (tag.GroupId is { } joined && (i < 0 || Catalog.Tags[i].GroupId != joined) && Catalog.Groups.Exists(g => g.GroupId == joined && g.Exclusive)
            && await HeldTogetherAsync("groupId", joined, [.. TagsOf(joined), tag.Tag]) is { } held)
            return held;
        if (IsExclusive(i >= 0 ? Catalog.Tags[i].GroupId : null) != IsExclusive(tag.GroupId) && await BatchAddingAsync("groupId", [tag.Tag]) is { } adding)
            return adding;
        if (i >= 0) Catalog.Tags[i] = tag;
        else Catalog.Tags.Add(tag);
        return await SaveAsync($"tag {tag.Tag} {(create ? "created" : "changed")}");
    }

    public async Task<TagCatalogOutcome> RenameTagAsync(string from, string to, string jobId)
    {
        if ((await RunningAsync(from, "rename", to, jobId) ?? await MissingAsync(from, "rename", to) ?? await InBatchAsync(from, to)) is { } refused) return refused;
        var i = IndexOf(from);
        if (i >= 0 && IndexOf(to) >= 0) return TagCatalogOutcome.Conflict("to", TagPhrases.RenameOntoTag.Say(to, from));
        var renamed = i >= 0 ? Catalog.Tags[i].RenamedTo(to) : null;
        if (renamed is not null && NameTaken(renamed, from, "to") is { } taken) return taken;
        Claim(from, "rename", to, jobId);
        // A free tag (or one renamed already: the holders' job of a rename that failed to start is started again
        // by renaming again) changes only its holders and the playbook.
        if (renamed is not null) Catalog.Tags[i] = renamed;
        var outcome = i < 0 ? await SaveChangesAsync() : await SaveAsync($"tag {from} renamed {to}");
        await RewritePlaybookAsync(from, to);
        return outcome;
    }

    public async Task<TagCatalogOutcome> MergeTagAsync(string from, string into, string jobId)
    {
        if ((await RunningAsync(from, "merge", into, jobId) ?? await MissingAsync(from, "merge", into) ?? await InBatchAsync(from, into)) is { } refused) return refused;
        var i = IndexOf(from);
        var joining = i >= 0 && IndexOf(into) < 0 ? Catalog.Tags[i].RenamedTo(into) : null;
        if (joining is not null && NameTaken(joining, from, "into") is { } taken) return taken;
        Claim(from, "merge", into, jobId);
        if (i >= 0)
        {
            Catalog.Tags.RemoveAt(i);
            if (joining is not null) Catalog.Tags.Add(joining);
        }
        var outcome = i < 0 ? await SaveChangesAsync() : await SaveAsync($"tag {from} merged into {into}");
        await RewritePlaybookAsync(from, into);
        return outcome;
    }

    public async Task<TagCatalogOutcome> DeleteTagAsync(string tag, string jobId)
    {
        if ((await RunningAsync(tag, "delete", null, jobId) ?? await MissingAsync(tag, "delete", null) ?? await InBatchAsync(tag, null)) is { } refused) return refused;
        Claim(tag, "delete", null, jobId);
        var i = IndexOf(tag);
        if (i < 0) return await SaveChangesAsync();
        Catalog.Tags.RemoveAt(i);
        return await SaveAsync($"tag {tag} deleted");
    }

    public async Task<TagCatalogOutcome> ClaimBatchAsync(string jobId, string[] add, string[] remove)
    {
        foreach (var (field, tags) in new[] { ("add", add), ("remove", remove) })
            foreach (var tag in tags)
                foreach (var (changed, change) in Catalog.Changes)
                    if ((changed == tag || change.Target == tag) && !await IsOverAsync(change.JobId, change.At))
                        return TagCatalogOutcome.Conflict(field, ChangePhrase(change.Kind).Say(changed, change.JobId, change.Target));
        await ForgetFinishedBatchesAsync();
        Catalog.Batches[jobId] = new BatchClaim(add, remove, DateTimeOffset.UtcNow);
        return await SaveChangesAsync();
    }

    /// <summary>
    /// A conflict on <c>tag</c> naming the batch job while one that may still be running adds or removes
    /// <paramref name="tag"/> or <paramref name="target"/> (a rename's or merge's); null otherwise.
    /// </summary>
    private async Task<TagCatalogOutcome?> InBatchAsync(string tag, string? target)
    {
        await ForgetFinishedBatchesAsync();
        foreach (var (jobId, claim) in Catalog.Batches)
            if (claim.Add.Concat(claim.Remove).FirstOrDefault(t => t == tag || t == target) is { } named)
                return TagCatalogOutcome.Conflict("tag", TagPhrases.InBatch.Say(named, jobId));
        return null;
    }

    /// <summary>A conflict on <paramref name="field"/> naming the batch job while one that may still be running adds one of <paramref name="tags"/>; null otherwise.</summary>
    private async Task<TagCatalogOutcome?> BatchAddingAsync(string field, string[] tags)
    {
        await ForgetFinishedBatchesAsync();
        foreach (var (jobId, claim) in Catalog.Batches)
            if (claim.Add.FirstOrDefault(tags.Contains) is { } added)
                return TagCatalogOutcome.Conflict(field, TagPhrases.AddedByBatch.Say(added, jobId));
        return null;
    }

    /// <summary>Drops the batches that are over from memory (saved with the next change).</summary>
    private async Task ForgetFinishedBatchesAsync()
    {
        foreach (var (jobId, claim) in Catalog.Batches.ToList())
            if (await IsOverAsync(jobId, claim.At)) Catalog.Batches.Remove(jobId);
    }

    /// <summary>A job that finished, or one recorded at <paramref name="at"/> but not started within a minute (its request failed), is over.</summary>
    private async Task<bool> IsOverAsync(string jobId, DateTimeOffset at)
    {
        var job = await GrainFactory.GetGrain<ITagJobGrain>(Abstractions.GrainKeys.For(Tenant, jobId)).GetAsync();
        return job is null ? DateTimeOffset.UtcNow - at > TimeSpan.FromMinutes(1) : job.FinishedAt is not null;
    }

    private static Phrase ChangePhrase(string kind) =>
        kind switch { "delete" => TagPhrases.BeingDeleted, "rename" => TagPhrases.BeingRenamed, _ => TagPhrases.BeingMerged };

    private bool IsExclusive(string? groupId) => groupId is not null && Catalog.Groups.Exists(g => g.GroupId == groupId && g.Exclusive);

    /// <summary>
    /// While another change of <paramref name="tag"/> may still be running, the same change is answered with its job and
    /// another change is a conflict; null otherwise. Concurrent renames of one tag to two names each moved every holder,
    /// and holders ended with both. A job that finished, or one recorded but never started within a minute (its request
    /// failed), is over.
    /// </summary>
    private async Task<TagCatalogOutcome?> RunningAsync(string tag, string kind, string? target, string jobId)
    {
        if (!Catalog.Changes.TryGetValue(tag, out var running) || running.JobId == jobId) return null;
        if (await IsOverAsync(running.JobId, running.At)) return null;
        if (running.Kind == kind && running.Target == target) return TagCatalogOutcome.Ok with { JobId = running.JobId };
        return TagCatalogOutcome.Conflict("tag", ChangePhrase(running.Kind).Say(tag, running.JobId, running.Target));
    }

    /// <summary>
    /// Not found, naming <c>tag</c>, unless <paramref name="tag"/> exists: in the catalog, held by a customer (the
    /// directory), named by the tenant's playbook for a rename or merge (<paramref name="target"/> given: rewriting its
    /// rules is the change), or last changed by this same change (sent again after it went through: answered as a
    /// change is).
    /// </summary>
    private async Task<TagCatalogOutcome?> MissingAsync(string tag, string kind, string? target) =>
        IndexOf(tag) >= 0
        || Catalog.Changes.TryGetValue(tag, out var last) && last.Kind == kind && last.Target == target
        || await holders.IsHeldAsync(Tenant, tag)
        || target is not null && PlaybookTagReferences.Rename(await PlaybookAsync(), tag, target).Count > 0
            ? null
            : TagCatalogOutcome.NotFound("tag", TagPhrases.NoSuchTag.Say(tag));

    /// <summary>The tenant's current playbook, parsed afresh (a copy to change or to look into).</summary>
    private async Task<Playbook> PlaybookAsync() => PlaybookJson.Parse((await GrainFactory.GetGrain<ITenantPlaybookGrain>(Tenant).GetAsync()).Json);

    /// <summary>Records <paramref name="jobId"/> as the one change of <paramref name="tag"/> (not saved yet: the caller saves).</summary>
    private void Claim(string tag, string kind, string? target, string jobId) =>
        Catalog.Changes[tag] = new TagChange(kind, target, jobId, DateTimeOffset.UtcNow);

    /// <summary>
    /// A conflict when <paramref name="tag"/> would be shown by a name another tag of its group (or, outside any group,
    /// another tag outside any group) is shown by; names <paramref name="was"/> (the catalog tag it replaces, if any)
    /// was shown by in the same group are not checked again. A tag without names is shown as itself (field <c>tag</c>);
    /// <paramref name="field"/>, when given, is named instead (a rename's <c>to</c>, a merge's <c>into</c>).
    /// </summary>
    private TagCatalogOutcome? NameTaken(CatalogTag tag, string was, string? field)
    {
        var siblings = Catalog.Tags.Where(t => t.GroupId == tag.GroupId && t.Tag != tag.Tag && t.Tag != was).ToList();
        var before = Catalog.Tags.Find(t => t.Tag == was) is { } current && current.GroupId == tag.GroupId ? Shown(current) : [];
        var names = tag.Names.Count > 0 ? Fields(tag.Names, field) : [(field ?? "tag", tag.Tag)];
        if (CatalogNames.Taken(names, before, [.. siblings.Select(Shown)]) is not { } taken) return null;
        var other = siblings[taken.Other].Tag;
        return TagCatalogOutcome.Conflict(taken.Field, tag.GroupId is { } groupId
            ? TagPhrases.TagNameTaken.Say(taken.Shown, other, groupId)
            : TagPhrases.UngroupedTagNameTaken.Say(taken.Shown, other));
    }

    /// <summary>What a catalog tag is shown as: its names, or the tag itself when it has none (as the console shows it).</summary>
    private static IEnumerable<string> Shown(CatalogTag tag) => tag.Names.Count > 0 ? tag.Names.Values : [tag.Tag];

    /// <summary>Names per language as the fields a conflict names (<c>names.zh-CN</c>), or all as <paramref name="field"/>; by language.</summary>
    private static IEnumerable<(string Field, string Name)> Fields(Dictionary<string, string> names, string? field) =>
        names.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (field ?? $"names.{n.Key}", n.Value));

    /// <summary>Saves a recorded change of a tag outside the catalog: no new catalog version.</summary>
    private async Task<TagCatalogOutcome> SaveChangesAsync()
    {
        await state.WriteStateAsync();
        return TagCatalogOutcome.Ok;
    }

    /// <summary>The catalog's tags of group <paramref name="groupId"/>.</summary>
    private string[] TagsOf(string groupId) => [.. Catalog.Tags.Where(t => t.GroupId == groupId).Select(t => t.Tag)];

    /// <summary>A conflict on <paramref name="field"/> when customers hold two or more of <paramref name="tags"/>, which exclusive group <paramref name="groupId"/> would not allow; null when none does.</summary>
    private async Task<TagCatalogOutcome?> HeldTogetherAsync(string field, string groupId, string[] tags)
    {
        if (tags.Length < 2) return null;
        var count = await holders.CountHoldingSeveralAsync(Tenant, tags);
        return count == 0 ? null : TagCatalogOutcome.Conflict(field, TagPhrases.HeldTogether.Say(count, WordedList.Each(tags), groupId));
    }

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> wherever the tenant's playbook names it, as its next
    /// version (<see cref="TagRenameAuthor"/>); nothing stored when it names neither. A playbook that no longer
    /// validates is left as it is and logged: the tag's rename stands.
    /// </summary>
    private async Task RewritePlaybookAsync(string from, string to)
    {
        var playbook = await PlaybookAsync();
        var changed = PlaybookTagReferences.Rename(playbook, from, to);
        if (changed.Count == 0) return;
        var stored = await GrainFactory.GetGrain<ITenantPlaybookGrain>(Tenant).PutAsync(PlaybookJson.Serialize(playbook), TagRenameAuthor);
        if (stored.Accepted)
            logger.LogInformation("Tenant {Tenant} playbook version {Version}: tag {From} renamed {To} in {Changed}", Tenant, stored.Version, from, to, string.Join("; ", changed));
        else
            logger.LogWarning("Tenant {Tenant}: renaming tag {From} to {To} in the playbook ({Changed}) was refused: {Errors}",
                Tenant, from, to, string.Join("; ", changed), string.Join("; ", stored.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    private int IndexOf(string tag) => Catalog.Tags.FindIndex(t => string.Equals(t.Tag, tag, StringComparison.Ordinal));

    private async Task<TagCatalogOutcome> SaveAsync(string what)
    {
        Catalog.Version++;
        Catalog.UpdatedAt = DateTimeOffset.UtcNow;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory holds a change storage does not: the next activation reads what was stored.
            DeactivateOnIdle();
            throw;
        }
        logger.LogInformation("Tenant {Tenant} tag catalog version {Version}: {Change}", Tenant, Catalog.Version, what);
        return TagCatalogOutcome.Ok;
    }
}
