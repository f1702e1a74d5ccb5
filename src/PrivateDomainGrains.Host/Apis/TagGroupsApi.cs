using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The tag groups of the tenant's catalog (肤质, 城市...): names per language, and whether a customer holds at most one
/// of a group's tags (exclusive). Read with the integration key, changed with the admin key. No two groups of a tenant
/// are shown by one name: a name another group has in any language, compared as a person reads it (trimmed, NFKC,
/// white space runs as one, case-insensitive: <see cref="CatalogNames"/>), is a 409 naming <c>names.{language}</c>.
/// </summary>
public static class TagGroupsApi
{
    /// <param name="GroupId">1-128 letters, digits and <c>-_.:@</c>, unique in the tenant.</param>
    /// <param name="Names">Display name per language (<c>{"zh-CN":"肤质","en":"Skin type"}</c>), at least one, each 1-64 characters.</param>
    /// <param name="Exclusive">A customer holds at most one tag of the group: adding one (by hand, keyword, rule or batch) removes the others.</param>
    public sealed record CreateTagGroupRequest(string GroupId, IReadOnlyDictionary<string, string?> Names, bool Exclusive = false);

    /// <summary>
    /// Changes to a group; an absent field stays as it is. Making it exclusive is refused (409) while customers hold
    /// two or more of its tags: the platform does not guess which one they keep.
    /// </summary>
    public sealed record UpdateTagGroupRequest(IReadOnlyDictionary<string, string?>? Names = null, bool? Exclusive = null);

    /// <summary>A group and its catalog tags (ordinal order).</summary>
    public sealed record TagGroupView(string GroupId, IReadOnlyDictionary<string, string> Names, bool Exclusive, IReadOnlyList<string> Tags);

    /// <param name="Version">The catalog's version, 0 until its first change.</param>
    public sealed record TagGroupList(int Version, IReadOnlyList<TagGroupView> Items);

    public static RouteGroupBuilder MapTagGroupsApi(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/tenants/{tenant}/tag-groups").WithTags("Tags");
        groups.MapGet("", ListAsync).WithName("ListTagGroups").RequireIntegrationKey()
            .WithSummary("The catalog's tag groups with their names per language, exclusivity and tags.");
        groups.MapPost("", CreateAsync).WithName("CreateTagGroup").Audited().RequireAdminKey()
            .WithSummary("Create a tag group; exclusive groups are enforced on every customer within seconds.")
            .WithJsonBody<CreateTagGroupRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status409Conflict, CreateConflict);
        groups.MapPut("/{groupId}", UpdateAsync).WithName("UpdateTagGroup").Audited().RequireAdminKey()
            .WithSummary("Rename a group (names per language) or make it exclusive or not.")
            .WithJsonBody<UpdateTagGroupRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, "No such group")
            .WithProblem(StatusCodes.Status409Conflict, UpdateConflict);
        groups.MapDelete("/{groupId}", DeleteAsync).WithName("DeleteTagGroup").Audited().RequireAdminKey()
            .WithSummary("Delete a group: its tags stay in the catalog outside any group, and customers keep them.")
            .WithProblem(StatusCodes.Status400BadRequest, "The group id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such group")
            .WithProblem(StatusCodes.Status409Conflict, DeleteConflict);
        return api;
    }

    /// <summary>The 409 of a group's creation.</summary>
    internal const string CreateConflict = "A group with this id exists, or another group has one of its names (names.{language}); nothing was stored";

    /// <summary>The 409 of a group's deletion.</summary>
    internal const string DeleteConflict = "The group is exclusive and a batch tag job adding one of its tags is still running (the problem names the job): send this again when it has finished";

    /// <summary>The 409 of a group's change.</summary>
    internal const string UpdateConflict = "Another group has one of its new names (names.{language}), or it was made exclusive while customers hold two or more of its tags " +
        "(the problem counts them): remove the extra tags with a tag job first, or made exclusive or not while a batch tag job adds one of its tags (the problem names the job); nothing was stored";

    private static async Task<Ok<TagGroupList>> ListAsync(string tenant, IGrainFactory grains)
    {
        var catalog = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).GetAsync();
        return TypedResults.Ok(new TagGroupList(catalog.Version, [.. catalog.Groups.Select(g => Response(g, catalog))]));
    }

    internal static async Task<Results<Created<TagGroupView>, ProblemHttpResult>> CreateAsync(string tenant, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTagGroupRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.GroupId)) return Problems.InvalidId("groupId");
        var (names, namesProblem) = TagFields.Names(body.Names, required: true);
        if (names is null) return namesProblem!;
        var group = new TagGroupDefinition(body.GroupId, names, body.Exclusive);
        var catalog = grains.GetGrain<ITenantTagCatalogGrain>(tenant);
        var outcome = await catalog.PutGroupAsync(group, create: true);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        return TypedResults.Created($"/api/v1/tenants/{tenant}/tag-groups/{group.GroupId}", Response(group, await catalog.GetAsync()));
    }

    internal static async Task<Results<Ok<TagGroupView>, ProblemHttpResult>> UpdateAsync(string tenant, string groupId, HttpRequest request, IGrainFactory grains)
    {
        if (!Ids.IsValid(groupId)) return Problems.InvalidId("groupId");
        var (body, problem) = await JsonBody.ReadAsync<UpdateTagGroupRequest>(request);
        if (body is null) return problem!;
        var (names, namesProblem) = TagFields.Names(body.Names, required: false);
        if (names is null) return namesProblem!;
        var catalog = grains.GetGrain<ITenantTagCatalogGrain>(tenant);
        if ((await catalog.GetAsync()).Groups.FirstOrDefault(g => g.GroupId == groupId) is not { } current)
            return Problems.NotFound("groupId", ApiPhrases.FieldSays.Say("groupId", TagPhrases.NoGroup.Say(groupId)));
        var group = current with { Names = names.Count > 0 ? names : current.Names, Exclusive = body.Exclusive ?? current.Exclusive };
        var outcome = await catalog.PutGroupAsync(group, create: false);
        if (outcome.Kind != TagCatalogOutcomes.Ok) return TagFields.Problem(outcome);
        return TypedResults.Ok(Response(group, await catalog.GetAsync()));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string tenant, string groupId, IGrainFactory grains)
    {
        if (!Ids.IsValid(groupId)) return Problems.InvalidId("groupId");
        var outcome = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).DeleteGroupAsync(groupId);
        return outcome.Kind == TagCatalogOutcomes.Ok ? TypedResults.NoContent() : TagFields.Problem(outcome);
    }

    private static TagGroupView Response(TagGroupDefinition group, TagCatalogDocument catalog) =>
        new(group.GroupId, group.Names, group.Exclusive, [.. catalog.Tags.Where(t => t.GroupId == group.GroupId).Select(t => t.Tag)]);
}
