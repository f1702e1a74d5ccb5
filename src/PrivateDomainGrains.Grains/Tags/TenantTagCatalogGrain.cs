using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Tags;

/// <summary>
/// A tenant's tag catalog (<see cref="ITenantTagCatalogGrain"/>): checks each change against what is there, numbers
/// the versions and stores them. Shapes (ids, lengths, languages) are the API's to check; this grain checks what only
/// the whole catalog knows (exists, taken, unknown group).
/// </summary>
public sealed class TenantTagCatalogGrain(
    [PersistentState(PlatformStorage.TagCatalogState, PlatformStorage.Name)] IPersistentState<TagCatalogState> state,
    ILogger<TenantTagCatalogGrain> logger) : Grain, ITenantTagCatalogGrain
{
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
        if (create && i >= 0) return TagCatalogOutcome.Conflict("groupId", $"Tag group '{group.GroupId}' exists");
        if (!create && i < 0) return TagCatalogOutcome.NotFound("groupId", $"Tag group '{group.GroupId}' does not exist");
        if (i >= 0) Catalog.Groups[i] = group;
        else Catalog.Groups.Add(group);
        return await SaveAsync($"group {group.GroupId} {(create ? "created" : "changed")}");
    }

    public async Task<TagCatalogOutcome> DeleteGroupAsync(string groupId)
    {
        if (Catalog.Groups.RemoveAll(g => g.GroupId == groupId) == 0) return TagCatalogOutcome.NotFound("groupId", $"Tag group '{groupId}' does not exist");
        for (var i = 0; i < Catalog.Tags.Count; i++)
            if (Catalog.Tags[i].GroupId == groupId) Catalog.Tags[i] = Catalog.Tags[i] with { GroupId = null };
        return await SaveAsync($"group {groupId} deleted");
    }

    public async Task<TagCatalogOutcome> PutTagAsync(CatalogTag tag, bool create)
    {
        var i = IndexOf(tag.Tag);
        if (create && i >= 0) return TagCatalogOutcome.Conflict("tag", $"Tag '{tag.Tag}' is in the catalog");
        if (!create && i < 0) return TagCatalogOutcome.NotFound("tag", $"Tag '{tag.Tag}' is not in the catalog");
        if (tag.GroupId is { } groupId && !Catalog.Groups.Exists(g => g.GroupId == groupId))
            return TagCatalogOutcome.Invalid("groupId", $"Tag group '{groupId}' does not exist");
        if (i >= 0) Catalog.Tags[i] = tag;
        else Catalog.Tags.Add(tag);
        return await SaveAsync($"tag {tag.Tag} {(create ? "created" : "changed")}");
    }

    public async Task<TagCatalogOutcome> RenameTagAsync(string from, string to, string jobId)
    {
        if (await ClaimAsync(from, "rename", to, jobId) is { } busy) return busy;
        var i = IndexOf(from);
        // A free tag (or one renamed already: the holders' job of a rename that failed to start is started again
        // by renaming again) changes only its holders.
        if (i < 0) return await SaveChangesAsync();
        if (IndexOf(to) >= 0)
        {
            Catalog.Changes.Remove(from);
            return TagCatalogOutcome.Conflict("to", $"Tag '{to}' is in the catalog: merge '{from}' into it instead");
        }
        Catalog.Tags[i] = Catalog.Tags[i] with { Tag = to };
        return await SaveAsync($"tag {from} renamed {to}");
    }

    public async Task<TagCatalogOutcome> MergeTagAsync(string from, string into, string jobId)
    {
        if (await ClaimAsync(from, "merge", into, jobId) is { } busy) return busy;
        var i = IndexOf(from);
        if (i < 0) return await SaveChangesAsync();
        var merged = Catalog.Tags[i];
        Catalog.Tags.RemoveAt(i);
        if (IndexOf(into) < 0) Catalog.Tags.Add(merged with { Tag = into });
        return await SaveAsync($"tag {from} merged into {into}");
    }

    public async Task<TagCatalogOutcome> DeleteTagAsync(string tag, string jobId)
    {
        if (await ClaimAsync(tag, "delete", null, jobId) is { } busy) return busy;
        var i = IndexOf(tag);
        if (i < 0) return await SaveChangesAsync();
        Catalog.Tags.RemoveAt(i);
        return await SaveAsync($"tag {tag} deleted");
    }

    /// <summary>
    /// Records <paramref name="jobId"/> as the one change of <paramref name="tag"/> (not saved yet: the caller saves),
    /// unless another change of it may still be running: then the same change is answered with its job, and another
    /// change is a conflict. Concurrent renames of one tag to two names each moved every holder, and holders ended
    /// with both. A job that finished, or one recorded but never started within a minute (its request failed), is over.
    /// </summary>
    private async Task<TagCatalogOutcome?> ClaimAsync(string tag, string kind, string? target, string jobId)
    {
        if (Catalog.Changes.TryGetValue(tag, out var running) && running.JobId != jobId)
        {
            var job = await GrainFactory.GetGrain<ITagJobGrain>(Abstractions.GrainKeys.For(Tenant, running.JobId)).GetAsync();
            var over = job is null ? DateTimeOffset.UtcNow - running.At > TimeSpan.FromMinutes(1) : job.FinishedAt is not null;
            if (!over)
            {
                if (running.Kind == kind && running.Target == target) return TagCatalogOutcome.Ok with { JobId = running.JobId };
                var what = running.Kind == "delete" ? "deleted" : $"{running.Kind}d into '{running.Target}'";
                return TagCatalogOutcome.Conflict("tag", $"Tag '{tag}' is being {what} (tag job {running.JobId}): send this again when that job has finished");
            }
        }
        Catalog.Changes[tag] = new TagChange(kind, target, jobId, DateTimeOffset.UtcNow);
        return null;
    }

    /// <summary>Saves a recorded change of a tag outside the catalog: no new catalog version.</summary>
    private async Task<TagCatalogOutcome> SaveChangesAsync()
    {
        await state.WriteStateAsync();
        return TagCatalogOutcome.Ok;
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
