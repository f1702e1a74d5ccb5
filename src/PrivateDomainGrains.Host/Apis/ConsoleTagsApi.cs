using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Persistence.Segments;
using static PrivateDomainGrains.Host.Apis.TagGroupsApi;
using static PrivateDomainGrains.Host.Apis.TagJobsApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The tag catalog and batch tagging for the console (console token): every staff member reads the catalog (to show
/// tags by group and in their language) and the tags in use (to suggest them); admins change the catalog as the admin
/// key does (<see cref="TagGroupsApi"/>, <see cref="TagsApi"/>: the same checks and problems, rename and delete as tag
/// jobs); admins start tag jobs over any customers, managers over the customers of an owner they may see
/// (<see cref="ConsoleScope"/>), each change recorded in the timelines as theirs.
/// </summary>
public static class ConsoleTagsApi
{
    /// <summary>A catalog tag: its group (or null) and display names per language.</summary>
    public sealed record ConsoleCatalogTag(string Tag, string? GroupId, IReadOnlyDictionary<string, string> Names);

    /// <param name="Version">The catalog's version, 0 until its first change.</param>
    public sealed record ConsoleTagCatalog(int Version, IReadOnlyList<TagGroupView> Groups, IReadOnlyList<ConsoleCatalogTag> Tags);

    public static RouteGroupBuilder MapConsoleTagsApi(this RouteGroupBuilder api)
    {
        var console = api.MapGroup("/console").WithTags("Console").RequireConsoleToken();
        console.MapGet("/tags", CatalogAsync).WithName("GetMyTagCatalog")
            .WithSummary("The tenant's tag catalog: groups (names per language, exclusive or not) and catalog tags with their names.");
        console.MapGet("/tags/in-use", (ConsoleUser user, IGrainFactory grains, TagHolders holders, CancellationToken ct) => TagsApi.ListAsync(user.Tenant, grains, holders, ct))
            .WithName("ListMyTagsInUse")
            .WithSummary("Catalog tags and free tags customers hold, ordinal order, each with its holder count (as ListTags), for suggestions.");
        MapCatalogChanges(console.MapGroup("").AddEndpointFilter(AdminsOnlyAsync).WithProblem(StatusCodes.Status403Forbidden, ApiPhrases.CatalogAdminsOnly.English));
        console.MapPost("/tag-jobs", StartAsync).WithName("StartMyTagJob").Audited()
            .WithSummary("Batch tagging as the signed-in admin (any customers) or manager (a saved segment over their team's customers, or a filter with an owner of their team), in the background. " +
                "202 with a status URL; each change shows in the timelines as this staff member's.")
            .WithJsonBody<TagJobRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status403Forbidden, "Not an admin or manager, or a manager's job not limited to an owner of their team")
            .WithProblem(StatusCodes.Status409Conflict, BatchConflict);
        console.MapPost("/tag-jobs/csv", async (ConsoleUser user, [FromQuery] string[]? add, [FromQuery] string[]? remove, HttpRequest request, IGrainFactory grains,
                TagJobRows rows, IdentityIndex identities, TenantIdentitySettings settings) =>
                AtConsole(await TagJobsApi.StartCsvJobAsync(user.Tenant, add, remove, request, grains, rows, identities, settings, user.StaffId)))
            .AddEndpointFilter(AdminsOnlyAsync).WithName("StartMyTagJobFromCsv").Audited()
            .WithSummary("Batch tagging from a CSV upload as StartTagJobFromCsv, for admins; each change shows in the timelines as this admin's.")
            .WithMetadata(new RequestBodyMetadata(typeof(string), "text/csv"))
            .WithProblem(StatusCodes.Status400BadRequest, "A parameter or the upload is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status403Forbidden, ApiPhrases.CatalogAdminsOnly.English)
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as text/csv")
            .WithProblem(StatusCodes.Status409Conflict, BatchConflict);
        console.MapGet("/tag-jobs/{jobId}", GetAsync).WithName("GetMyTagJob")
            .WithSummary("A tag job's progress, for admins and managers.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status403Forbidden, "Not an admin or manager")
            .WithProblem(StatusCodes.Status404NotFound, "No such job in the tenant");
        console.MapGet("/tag-jobs/{jobId}/rows", RowsAsync).WithName("ListMyTagJobRows")
            .WithSummary("A tag job's rows and their results as ListTagJobRows (?after=&limit=&status=failed), for admins and the manager who started it.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id, 'after', 'limit' or 'status' is invalid")
            .WithProblem(StatusCodes.Status403Forbidden, "Not an admin or manager")
            .WithProblem(StatusCodes.Status404NotFound, "No such job in the tenant (or another manager's)");
        console.MapPost("/tag-jobs/{jobId}/cancel", (ConsoleUser user, string jobId, IGrainFactory grains) => user.IsManager
                ? CancelAsync(grains, user.Tenant, jobId, user.IsAdmin ? null : user.StaffId)
                : Task.FromResult<Results<Ok<TagJobView>, ProblemHttpResult>>(Problems.Forbidden(ApiPhrases.CancelTagJobsManagersOnly.Say())))
            .WithName("CancelMyTagJob").Audited()
            .WithSummary("Cancel a running batch as CancelTagJob: an admin any of the tenant's, a manager the ones they started.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status403Forbidden, "Not an admin or manager")
            .WithProblem(StatusCodes.Status404NotFound, "No such job in the tenant (or another manager's)")
            .WithProblem(StatusCodes.Status409Conflict, "The job completed, or it changes the holders of a catalog change");
        return api;
    }

    private static async ValueTask<object?> AdminsOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ConsoleUser.From(context.HttpContext.User) is { IsAdmin: true } ? await next(context) : Problems.Forbidden(ApiPhrases.CatalogAdminsOnly.Say());

    /// <summary>The admin key's catalog changes for a signed-in admin: same bodies, checks and answers.</summary>
    private static void MapCatalogChanges(RouteGroupBuilder admin)
    {
        admin.MapPost("/tag-groups", (ConsoleUser user, HttpRequest request, IGrainFactory grains) => TagGroupsApi.CreateAsync(user.Tenant, request, grains))
            .WithName("CreateMyTagGroup").Audited().WithSummary("Create a tag group as CreateTagGroup, for admins.")
            .WithJsonBody<CreateTagGroupRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status409Conflict, TagGroupsApi.CreateConflict);
        admin.MapPut("/tag-groups/{groupId}", (ConsoleUser user, string groupId, HttpRequest request, IGrainFactory grains) =>
                TagGroupsApi.UpdateAsync(user.Tenant, groupId, request, grains))
            .WithName("UpdateMyTagGroup").Audited().WithSummary("Rename a group or make it exclusive or not, as UpdateTagGroup, for admins.")
            .WithJsonBody<UpdateTagGroupRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, "No such group")
            .WithProblem(StatusCodes.Status409Conflict, TagGroupsApi.UpdateConflict);
        admin.MapDelete("/tag-groups/{groupId}", (ConsoleUser user, string groupId, IGrainFactory grains) => TagGroupsApi.DeleteAsync(user.Tenant, groupId, grains))
            .WithName("DeleteMyTagGroup").Audited().WithSummary("Delete a group as DeleteTagGroup (its tags stay, outside any group), for admins.")
            .WithProblem(StatusCodes.Status400BadRequest, "The group id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such group")
            .WithProblem(StatusCodes.Status409Conflict, TagGroupsApi.DeleteConflict);
        admin.MapPost("/tags", (ConsoleUser user, HttpRequest request, IGrainFactory grains) => TagsApi.CreateAsync(user.Tenant, request, grains))
            .WithName("CreateMyTag").Audited().WithSummary("Add a tag to the catalog as CreateTag, for admins.")
            .WithJsonBody<TagsApi.CreateTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid or names an unknown group (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status409Conflict, "The tag is in the catalog, another tag of its group is shown by one of its names, or holders clash with the exclusive group it would join");
        admin.MapPut("/tags/{tag}", (ConsoleUser user, string tag, HttpRequest request, IGrainFactory grains) => TagsApi.UpdateAsync(user.Tenant, tag, request, grains))
            .WithName("UpdateMyTag").Audited().WithSummary("Change a catalog tag's group or names as UpdateTag, for admins.")
            .WithJsonBody<TagsApi.UpdateTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid or names an unknown group (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, "The tag is not in the catalog")
            .WithProblem(StatusCodes.Status409Conflict, "Another tag of its group is shown by one of its names, holders clash with the exclusive group it would join, or it moves in or out of an exclusive group while a batch adds it; nothing was stored");
        admin.MapPost("/tags/{tag}/rename", async (ConsoleUser user, string tag, HttpRequest request, IGrainFactory grains, TagJobRows rows) =>
                AtConsole(await TagsApi.RenameAsync(user.Tenant, tag, request, grains, rows)))
            .WithName("RenameMyTag").Audited()
            .WithSummary("Rename a tag as RenameTag (a tag job on every holder, its progress at GetMyTagJob), for admins.")
            .WithJsonBody<TagsApi.RenameTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "The tag or 'to' is not a valid tag, or they are the same; nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, TagsApi.NoSuchTag)
            .WithProblem(StatusCodes.Status409Conflict, TagsApi.RenameConflict);
        admin.MapPost("/tags/{tag}/merge", async (ConsoleUser user, string tag, HttpRequest request, IGrainFactory grains, TagJobRows rows) =>
                AtConsole(await TagsApi.MergeAsync(user.Tenant, tag, request, grains, rows)))
            .WithName("MergeMyTag").Audited()
            .WithSummary("Merge a tag into another as MergeTag (a tag job on every holder, its progress at GetMyTagJob), for admins.")
            .WithJsonBody<TagsApi.MergeTagRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "The tag or 'into' is not a valid tag, or they are the same; nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, TagsApi.NoSuchTag)
            .WithProblem(StatusCodes.Status409Conflict, TagsApi.MergeConflict);
        admin.MapDelete("/tags/{tag}", async (ConsoleUser user, string tag, IGrainFactory grains, TagJobRows rows, CancellationToken ct) =>
                AtConsole(await TagsApi.DeleteAsync(user.Tenant, tag, grains, rows, ct)))
            .WithName("DeleteMyTag").Audited()
            .WithSummary("Delete a tag from the catalog and every holder as DeleteTag (a tag job, its progress at GetMyTagJob), for admins.")
            .WithProblem(StatusCodes.Status400BadRequest, "The tag is not a valid tag")
            .WithProblem(StatusCodes.Status404NotFound, TagsApi.NoSuchTag)
            .WithProblem(StatusCodes.Status409Conflict, TagsApi.ChangingConflict);
    }

    /// <summary>A catalog change's job as a console token reads it: its status at GetMyTagJob, where the admin key's route would refuse the token.</summary>
    private static Results<Accepted<TagJobAccepted>, ProblemHttpResult> AtConsole(Results<Accepted<TagJobAccepted>, ProblemHttpResult> answer)
    {
        if (answer.Result is not Accepted<TagJobAccepted> { Value: { } accepted }) return answer;
        var status = ConsoleJobPath(accepted.JobId);
        return TypedResults.Accepted(status, accepted with { StatusUrl = status });
    }

    private static async Task<Ok<ConsoleTagCatalog>> CatalogAsync(ConsoleUser user, IGrainFactory grains)
    {
        var catalog = await grains.GetGrain<ITenantTagCatalogGrain>(user.Tenant).GetAsync();
        return TypedResults.Ok(new ConsoleTagCatalog(catalog.Version,
            [.. catalog.Groups.Select(g => new TagGroupView(g.GroupId, g.Names, g.Exclusive, [.. catalog.Tags.Where(t => t.GroupId == g.GroupId).Select(t => t.Tag)]))],
            [.. catalog.Tags.Select(t => new ConsoleCatalogTag(t.Tag, t.GroupId, t.Names))]));
    }

    private static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StartAsync(ConsoleUser user, HttpRequest request, IGrainFactory grains,
        TagJobRows rows, ConsoleScope scope, SegmentStore segments)
    {
        if (!user.IsManager) return Problems.Forbidden(ApiPhrases.StartTagJobsManagersOnly.Say());
        var (body, problem) = await JsonBody.ReadAsync<TagJobRequest>(request);
        if (body is null) return problem!;
        if (!user.IsAdmin)
        {
            // A manager's customers are their team's: the job is bounded by one owner they may see, or a segment's
            // members among the customers they may see (as its listing shows them), checked before anything is stored.
            if (body.CustomerIds is not null) return Problems.Forbidden(ApiPhrases.ManagerByIds.Say());
            if (body.SegmentId is null && (body.Filter?.Owner is not { } owner || !await scope.CanSeeCustomerOfAsync(user, owner)))
                return Problems.Forbidden(ApiPhrases.ManagerOwner.Say());
        }
        var (order, invalid) = await CheckAsync(grains, segments, user.Tenant, body, request.HttpContext.RequestAborted);
        if (order is null) return invalid!;
        return await StageAndLaunchAsync(grains, rows, user.Tenant, order, user.StaffId, await scope.DefaultOwnersAsync(user), ConsoleJobPath,
            request.HttpContext.RequestAborted);
    }

    private static async Task<Results<Ok<TagJobView>, ProblemHttpResult>> GetAsync(ConsoleUser user, string jobId, IGrainFactory grains)
    {
        if (!user.IsManager) return Problems.Forbidden(ApiPhrases.ReadTagJobsManagersOnly.Say());
        if (!Core.Identity.Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        var view = await grains.GetGrain<ITagJobGrain>(GrainKeys.For(user.Tenant, jobId)).GetAsync();
        // A manager reads the jobs they started; another's is answered as a missing one (it may cover other teams).
        return view is null || !user.IsAdmin && view.Spec.By != user.StaffId
            ? Problems.NotFound(ApiPhrases.NoTagJob.Say(jobId))
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<TagJobRowPage>, ProblemHttpResult>> RowsAsync(
        ConsoleUser user, string jobId, [Range(0, int.MaxValue)] int? after, [Range(1, TagJobsApi.MaxPageSize)] int? limit, string? status,
        IGrainFactory grains, TagJobRows rows, CancellationToken ct)
    {
        if (!user.IsManager) return Problems.Forbidden(ApiPhrases.ReadTagJobsManagersOnly.Say());
        // As GetAsync: a manager reads the rows of the jobs they started, another's is answered as a missing one.
        if (!user.IsAdmin && Core.Identity.Ids.IsValid(jobId) && (await grains.GetGrain<ITagJobGrain>(GrainKeys.For(user.Tenant, jobId)).GetAsync())?.Spec.By != user.StaffId)
            return Problems.NotFound(ApiPhrases.NoTagJob.Say(jobId));
        return await TagJobsApi.RowsAsync(user.Tenant, jobId, after, limit, status, grains, rows, ct);
    }

    private static string ConsoleJobPath(string jobId) => $"/api/v1/console/tag-jobs/{jobId}";
}
