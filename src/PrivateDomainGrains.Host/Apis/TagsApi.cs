using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;
using static PrivateDomainGrains.Host.Apis.TagJobsApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The tags of the tenant: catalog tags (with group and names per language) and the free tags customers hold, with
/// holder counts. Renaming, merging and deleting a tag change the catalog at once and every holder through a tag job
/// (<see cref="TagJobsApi"/>); read with the integration key, changed with the admin key.
/// <para>
/// A tag <b>exists</b> while it is in the catalog or at least one customer holds it (a free tag: README "Tags" allows
/// them and this list shows them), so a free tag may be renamed, merged or deleted like a catalog tag; for a rename or
/// merge also while the playbook names it (rewriting its rules is the change). One that is none of these is a 404
/// naming <c>tag</c>, and no job starts. A merge's <c>into</c> need not exist: it joins the catalog
/// with the merged tag's group and names. Within a group (and among the tags outside any group) no two tags are shown
/// by one name: a name another tag is shown by, compared as a person reads it (<see cref="CatalogNames"/>), is a 409
/// naming <c>names.{language}</c> (or <c>tag</c>, <c>to</c>, <c>into</c> for a tag shown by itself), nothing stored.
/// </para>
/// </summary>
public static class TagsApi
{
    /// <param name="Tag">What customers hold: 1-64 printable characters.</param>
    /// <param name="GroupId">Its catalog group, if any.</param>
    /// <param name="Names">Display name per language (<c>{"zh-CN":"干皮","en":"Dry skin"}</c>); may be empty.</param>
    public sealed record CreateTagRequest(string Tag, string? GroupId = null, IReadOnlyDictionary<string, string?>? Names = null);

    /// <summary>Changes to a catalog tag; an absent field stays as it is, an empty <see cref="GroupId"/> takes it out of its group.</summary>
    public sealed record UpdateTagRequest(string? GroupId = null, IReadOnlyDictionary<string, string?>? Names = null);

    /// <param name="To">The new tag: not a catalog tag already (merge into it instead).</param>
    public sealed record RenameTagRequest(string To);

    /// <param name="Into">The tag every holder keeps instead.</param>
    public sealed record MergeTagRequest(string Into);

    /// <summary>A tag of the catalog, or a free tag customers hold (<see cref="InCatalog"/> false, no group or names).</summary>
    /// <param name="Holders">Customers holding it now (the customer directory).</param>
    public sealed record TagItem(string Tag, bool InCatalog, string? GroupId, IReadOnlyDictionary<string, string> Names, long Holders);

    /// <param name="Version">The catalog's version, 0 until its first change.</param>
    public sealed record TagList(int Version, IReadOnlyList<TagItem> Items);

    public static RouteGroupBuilder MapTagsApi(this RouteGroupBuilder api)
    {
        var tags = api.MapGroup("/tenants/{tenant}/tags").WithTags("Tags");
        tags.MapGet("", ListAsync).WithName("ListTags").RequireIntegrationKey()
            .WithSummary("Catalog tags and free tags customers hold, ordinal order, each with its holder count.");
        tags.MapPost("", CreateAsync).WithName("CreateTag").Audited().RequireAdminKey()
            .WithSummary("Add a tag to the catalog (a free tag customers hold may join it), in a group or none.")
            .WithJsonBody<CreateTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid or names an unknown group (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status409Conflict, "The tag is in the catalog, another tag of its group is shown by one of its names (names.{language}, or tag), or customers hold it with another tag of the exclusive group it would join (the problem counts them)");
        tags.MapPut("/{tag}", UpdateAsync).WithName("UpdateTag").Audited().RequireAdminKey()
            .WithSummary("Change a catalog tag's group or names per language.")
            .WithJsonBody<UpdateTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid or names an unknown group (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, "The tag is not in the catalog")
            .WithProblem(StatusCodes.Status409Conflict, "Another tag of the group it is in or joins is shown by one of its names (names.{language}, or tag), or customers hold it with another tag of the exclusive group it would join (the problem counts them), or it moves in or out of an exclusive group while a batch tag job adds it (the problem names the job); nothing was stored");
        tags.MapPost("/{tag}/rename", RenameAsync).WithName("RenameTag").Audited().RequireAdminKey()
            .WithSummary("Rename a tag in the catalog, on every holder (a tag job) and in the playbook's rules (a new version). 202 with the job's status URL.")
            .WithJsonBody<RenameTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "The tag or 'to' is not a valid tag, or they are the same; nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, NoSuchTag)
            .WithProblem(StatusCodes.Status409Conflict, RenameConflict);
        tags.MapPost("/{tag}/merge", MergeAsync).WithName("MergeTag").Audited().RequireAdminKey()
            .WithSummary("Merge a tag into another: it leaves the catalog, every holder holds the other instead (a tag job), and the playbook's rules name the other (a new version). 202 with the job's status URL.")
            .WithJsonBody<MergeTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "The tag or 'into' is not a valid tag, or they are the same; nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, NoSuchTag)
            .WithProblem(StatusCodes.Status409Conflict, MergeConflict);
        tags.MapDelete("/{tag}", DeleteAsync).WithName("DeleteTag").Audited().RequireAdminKey()
            .WithSummary("Delete a tag from the catalog and from every holder (a tag job). 202 with the job's status URL.")
            .WithProblem(StatusCodes.Status400BadRequest, "The tag is not a valid tag")
            .WithProblem(StatusCodes.Status404NotFound, NoSuchTag)
            .WithProblem(StatusCodes.Status409Conflict, ChangingConflict);
        return api;
    }

    /// <summary>The 409 of a rename, merge or delete while another change of the same tag is still running.</summary>
    internal const string ChangingConflict = "Another rename, merge or delete of the tag, or a batch tag job adding or removing it, is still running (the problem names the job): send this again when it has finished";

    /// <summary>The 409 of a rename.</summary>
    internal const string RenameConflict = "Both are catalog tags (merge into 'to' instead), another tag of its group is shown as 'to' already, or another rename, merge or delete of the tag, or a batch adding or removing it or 'to', is still running (the problem names the job)";

    /// <summary>The 409 of a merge.</summary>
    internal const string MergeConflict = "'into' would join the catalog under a name another tag of its group is shown by, or another rename, merge or delete of the tag, or a batch adding or removing it or 'into', is still running (the problem names the job)";

    /// <summary>The 404 of a rename, merge or delete of a tag that does not exist.</summary>
    internal const string NoSuchTag = "The tag is not in the catalog, no customer holds it (and, for a rename or merge, the playbook does not name it): nothing to change, no job started";

    internal static async Task<Ok<TagList>> ListAsync(string tenant, IGrainFactory grains, TagHolders holders, CancellationToken ct)
    {
        var catalog = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).GetAsync();
        var counts = await holders.CountAllAsync(tenant, ct);
        var items = catalog.Tags.Select(t => new TagItem(t.Tag, true, t.GroupId, t.Names, counts.GetValueOrDefault(t.Tag)))
            .Concat(counts.Where(c => !catalog.Tags.Any(t => t.Tag == c.Key)).Select(c => new TagItem(c.Key, false, null, new Dictionary<string, string>(), c.Value)))
            .OrderBy(i => i.Tag, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new TagList(catalog.Version, items));
    }

    internal static async Task<Results<Created<TagItem>, ProblemHttpResult>> CreateAsync(string tenant, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTagRequest>(request);
        if (body is null) return problem!;
        var (tag, tagProblem) = TagFields.Tag("tag", body.Tag);
        if (tag is null) return tagProblem!;
        if (body.GroupId is { } groupId && !Ids.IsValid(groupId)) return Problems.InvalidId("groupId");
        var (names, namesProblem) = TagFields.Names(body.Names, required: false);
        if (names is null) return namesProblem!;
        var outcome = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).PutTagAsync(new CatalogTag(tag, body.GroupId, names), create: true);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        return TypedResults.Created($"/api/v1/tenants/{tenant}/tags/{Uri.EscapeDataString(tag)}", new TagItem(tag, true, body.GroupId, names, 0));
    }

    internal static async Task<Results<Ok<TagItem>, ProblemHttpResult>> UpdateAsync(string tenant, string tag, HttpRequest request, IGrainFactory grains)
    {
        var (name, tagProblem) = TagFields.PathTag(tag);
        if (name is null) return tagProblem!;
        var (body, problem) = await JsonBody.ReadAsync<UpdateTagRequest>(request);
        if (body is null) return problem!;
        if (body.GroupId is { Length: > 0 } groupId && !Ids.IsValid(groupId)) return Problems.InvalidId("groupId");
        var (names, namesProblem) = TagFields.Names(body.Names, required: false);
        if (names is null) return namesProblem!;
        var catalog = grains.GetGrain<ITenantTagCatalogGrain>(tenant);
        if ((await catalog.GetAsync()).Tags.FirstOrDefault(t => t.Tag == name) is not { } current)
            return Problems.NotFound("tag", ApiPhrases.FieldSays.Say("tag", TagPhrases.NotInCatalog.Say(name)));
        var changed = current with
        {
            GroupId = body.GroupId is null ? current.GroupId : body.GroupId.Length == 0 ? null : body.GroupId,
            Names = body.Names is null ? current.Names : names,
        };
        var outcome = await catalog.PutTagAsync(changed, create: false);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        return TypedResults.Ok(new TagItem(changed.Tag, true, changed.GroupId, changed.Names, 0));
    }

    /// <summary>
    /// Renames a tag that exists (in the catalog, held by a customer: a free tag, or named by the playbook) in the catalog,
    /// on its holders (a tag job) and in the playbook; a 404 naming <c>tag</c> when it is none of these, no job started. Sent again after it went
    /// through, it is answered as a rename is (its holders' job may never have started).
    /// </summary>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> RenameAsync(string tenant, string tag, HttpRequest request,
        IGrainFactory grains, TagJobRows rows)
    {
        var (from, fromProblem) = TagFields.PathTag(tag);
        if (from is null) return fromProblem!;
        var (body, problem) = await JsonBody.ReadAsync<RenameTagRequest>(request);
        if (body is null) return problem!;
        var (to, toProblem) = TagFields.Tag("to", body.To);
        if (to is null) return toProblem!;
        if (to == from) return Problems.BadRequest("to", ApiPhrases.RenameToItself.Say());
        var jobId = TagJobsApi.NewJobId();
        var outcome = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).RenameTagAsync(from, to, jobId);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        if (outcome.JobId is { } running && running != jobId) return await RunningAsync(grains, tenant, running);
        return Accepted(await StartForHoldersAsync(grains, rows, tenant, jobId, TagJobKinds.Rename, from, [to], request.HttpContext.RequestAborted));
    }

    /// <summary>
    /// Merges a tag that exists (in the catalog, held by a customer: a free tag, or named by the playbook) into
    /// <c>into</c>, which need not exist (it joins the catalog with the merged tag's group and names); a 404 naming
    /// <c>tag</c> when the merged tag is none of these, no job started.
    /// </summary>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> MergeAsync(string tenant, string tag, HttpRequest request,
        IGrainFactory grains, TagJobRows rows)
    {
        var (from, fromProblem) = TagFields.PathTag(tag);
        if (from is null) return fromProblem!;
        var (body, problem) = await JsonBody.ReadAsync<MergeTagRequest>(request);
        if (body is null) return problem!;
        var (into, intoProblem) = TagFields.Tag("into", body.Into);
        if (into is null) return intoProblem!;
        if (into == from) return Problems.BadRequest("into", ApiPhrases.MergeIntoItself.Say());
        var jobId = TagJobsApi.NewJobId();
        var outcome = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).MergeTagAsync(from, into, jobId);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        if (outcome.JobId is { } running && running != jobId) return await RunningAsync(grains, tenant, running);
        return Accepted(await StartForHoldersAsync(grains, rows, tenant, jobId, TagJobKinds.Merge, from, [into], request.HttpContext.RequestAborted));
    }

    /// <summary>
    /// Deletes a tag that exists (in the catalog, or held by a customer: a free tag) from the catalog and its holders (a
    /// tag job); a 404 naming <c>tag</c> when it is neither, no job started.
    /// </summary>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> DeleteAsync(string tenant, string tag, IGrainFactory grains, TagJobRows rows,
        CancellationToken ct)
    {
        var (name, problem) = TagFields.PathTag(tag);
        if (name is null) return problem!;
        var jobId = TagJobsApi.NewJobId();
        var outcome = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).DeleteTagAsync(name, jobId);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        if (outcome.JobId is { } running && running != jobId) return await RunningAsync(grains, tenant, running);
        return Accepted(await StartForHoldersAsync(grains, rows, tenant, jobId, TagJobKinds.Delete, name, [], ct));
    }

    private static Accepted<TagJobAccepted> Accepted(TagJobAccepted accepted) => TypedResults.Accepted(accepted.StatusUrl, accepted);

    /// <summary>
    /// The same change sent again while its job runs: that job, once its first request has started it (it stages the
    /// holders first, so this waits up to a few seconds); still not started, a 409 to send it again shortly.
    /// </summary>
    private static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> RunningAsync(IGrainFactory grains, string tenant, string jobId)
    {
        var job = grains.GetGrain<ITagJobGrain>(GrainKeys.For(tenant, jobId));
        for (var deadline = DateTime.UtcNow.AddSeconds(5); ; await Task.Delay(100))
        {
            if (await job.GetAsync() is { } started) return Accepted(new TagJobAccepted(jobId, $"/api/v1/tenants/{tenant}/tag-jobs/{jobId}", started));
            if (DateTime.UtcNow > deadline) return Problems.Conflict(ApiPhrases.TagChangeStarting.Say(jobId));
        }
    }
}
