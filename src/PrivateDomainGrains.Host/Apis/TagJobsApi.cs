using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Persistence.Segments;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Batch tagging (admin key): add or remove tags for customers given by id list, CSV upload, directory filter or saved segment, as a
/// background job with progress and a result per row. Each customer's change is its own tag change (rules, exclusive
/// groups, timeline entry); a job survives the loss of its node and finishes with exact counts.
/// </summary>
public static class TagJobsApi
{
    public const int MaxRows = 1_000_000;
    public const int MaxPageSize = 1_000;

    /// <summary>
    /// Which directory customers a job goes through: every condition given must hold; at least one must be given.
    /// </summary>
    /// <param name="TagsAny">Customers holding at least one of these tags.</param>
    /// <param name="TagsAll">Customers holding all of these tags.</param>
    /// <param name="Owner">Customers this staff member owns.</param>
    /// <param name="Tier">Prospect, FirstPurchase, Repeat, SuperUser or Dormant.</param>
    /// <param name="Status">A customer status (Active, Lost, ...).</param>
    public sealed record TagJobFilterRequest(IReadOnlyList<string?>? TagsAny = null, IReadOnlyList<string?>? TagsAll = null, string? Owner = null,
        string? Tier = null, string? Status = null);

    /// <summary>A batch: exactly one of <see cref="CustomerIds"/>, <see cref="Filter"/> and <see cref="SegmentId"/>; tags to add and remove (at least one tag in all, none in both).</summary>
    /// <param name="Add">0-50 tags to add (exclusive groups apply: a tag displaces its group's other tags).</param>
    /// <param name="Remove">0-50 tags to remove; removed before the adds.</param>
    /// <param name="CustomerIds">1-1,000,000 customer ids; an unknown customer fails its row (none is created); an id given twice is one row.</param>
    /// <param name="Filter">The directory customers matching it when the job starts.</param>
    /// <param name="SegmentId">A saved segment: its members when the job starts (as its member listing has them).</param>
    public sealed record TagJobRequest(IReadOnlyList<string?>? Add = null, IReadOnlyList<string?>? Remove = null, IReadOnlyList<string?>? CustomerIds = null,
        TagJobFilterRequest? Filter = null, string? SegmentId = null);

    /// <summary>The job runs in the background; poll <see cref="StatusUrl"/> (also the Location header).</summary>
    public sealed record TagJobAccepted(string JobId, string StatusUrl, TagJobView Job);

    /// <summary>One row's result.</summary>
    /// <param name="Seq">The row's place in the job (1-based, in the order given; a customer named again is not staged again); pass the last as <c>after</c> for the next page.</param>
    /// <param name="Input">The customer id as given; for an identity of a CSV upload, its kind and masked value (<c>phone:+86********000</c>), never the value itself.</param>
    /// <param name="CustomerId">The customer it named; null when it named none.</param>
    /// <param name="Status"><c>pending</c>, <c>changed</c>, <c>unchanged</c> (already as asked) or <c>failed</c>.</param>
    /// <param name="Error">Why it failed, worded in the language of the request that started the job.</param>
    public sealed record TagJobRowItem(int Seq, string Input, string? CustomerId, string Status, string? Error);

    /// <param name="NextAfter">The <c>after</c> of the next page; null on the last.</param>
    public sealed record TagJobRowPage(IReadOnlyList<TagJobRowItem> Items, int? NextAfter);

    public static RouteGroupBuilder MapTagJobsApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/tenants/{tenant}/tag-jobs").WithTags("Tags").RequireAdminKey();
        jobs.MapPost("", StartAsync).WithName("StartTagJob").Audited()
            .WithSummary("Add or remove tags for customers given by id list, directory filter or saved segment, in the background. 202 with a status URL.")
            .WithJsonBody<TagJobRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored");
        jobs.MapPost("/csv", StartCsvAsync).WithName("StartTagJobFromCsv").Audited()
            .WithSummary("Add (?add=) or remove (?remove=) tags for the customers of a CSV upload (text/csv): one per line, a customer id, " +
                "or an identity as two columns `kind,value` (`phone,13800138000`) resolved through the identity index; an optional header line `customerId` or `kind,value`.")
            // Documented, not matched by routing: any other Content-Type reaches the route, whose 415 names the header.
            .WithMetadata(new RequestBodyMetadata(typeof(string), "text/csv"))
            .WithProblem(StatusCodes.Status400BadRequest, "A parameter or the upload is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as text/csv");
        jobs.MapGet("/{jobId}", GetAsync).WithName("GetTagJob")
            .WithSummary("A tag job's progress: state (running, completed, cancelled), total, done, changed, failed.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such job in the tenant");
        jobs.MapPost("/{jobId}/cancel", (string tenant, string jobId, IGrainFactory grains) => CancelAsync(grains, tenant, jobId, by: null))
            .WithName("CancelTagJob").Audited()
            .WithSummary("Stop a running batch after the page in hand: what it did stays done, its other rows stay pending, and the answer is its final status (state cancelled). A cancelled job answers the same again.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such job in the tenant")
            .WithProblem(StatusCodes.Status409Conflict, "The job completed, or it changes the holders of a catalog rename, merge or delete (which the catalog already made)");
        jobs.MapGet("/{jobId}/rows", RowsAsync).WithName("ListTagJobRows")
            .WithSummary("The job's rows and their results in order, paged with ?after=<seq>&limit=<1-1000> (100 by default), optionally ?status=failed.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id, 'after', 'limit' or 'status' is invalid")
            .WithProblem(StatusCodes.Status404NotFound, "No such job in the tenant");
        return api;
    }

    private static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StartAsync(string tenant, HttpRequest request, IGrainFactory grains, TagJobRows rows,
        SegmentStore segments)
    {
        var (body, problem) = await JsonBody.ReadAsync<TagJobRequest>(request);
        if (body is null) return problem!;
        var (add, remove, tagsProblem) = ReadTags(body.Add, body.Remove);
        if (tagsProblem is not null) return tagsProblem;
        if (await ExclusiveClashAsync(grains, tenant, add!) is { } clash) return clash;
        if (OneSourceProblem(body) is { } sources) return sources;
        var jobId = NewJobId();
        if (body.SegmentId is { } segmentId)
        {
            if (await StageSegmentAsync(grains, rows, segments, tenant, jobId, segmentId, visibleOwners: null, request.HttpContext.RequestAborted) is { } missing)
                return missing;
            return await LaunchAsync(grains, tenant, jobId, new TagJobSpec(TagJobKinds.Batch, "segment", add!, remove!));
        }
        if (body.CustomerIds is { } ids)
        {
            if (ids.Count is 0 or > MaxRows) return Problems.BadRequest("customerIds", ApiPhrases.CustomerIdsCount.Say(MaxRows));
            for (var i = 0; i < ids.Count; i++)
                if (!Ids.IsValid(ids[i])) return Problems.InvalidId($"customerIds[{i}]");
            await rows.StageAsync(tenant, jobId, [.. ids.Select(id => new TagJobInput(id!, id))], request.HttpContext.RequestAborted);
            return await LaunchAsync(grains, tenant, jobId, new TagJobSpec(TagJobKinds.Batch, "ids", add!, remove!));
        }
        var (filter, filterProblem) = ReadFilter(body.Filter!);
        if (filter is null) return filterProblem!;
        await rows.StageFromDirectoryAsync(tenant, jobId, filter, request.HttpContext.RequestAborted);
        return await LaunchAsync(grains, tenant, jobId, new TagJobSpec(TagJobKinds.Batch, "filter", add!, remove!));
    }

    private static Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StartCsvAsync(string tenant, [FromQuery] string[]? add, [FromQuery] string[]? remove,
        HttpRequest request, IGrainFactory grains, TagJobRows rows, IdentityIndex identities, TenantIdentitySettings settings) =>
        StartCsvJobAsync(tenant, add, remove, request, grains, rows, identities, settings, by: null);

    /// <param name="by">The console admin who started it (null for the admin key).</param>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StartCsvJobAsync(string tenant, string[]? add, string[]? remove,
        HttpRequest request, IGrainFactory grains, TagJobRows rows, IdentityIndex identities, TenantIdentitySettings settings, string? by)
    {
        var (adds, removes, tagsProblem) = ReadTags(add, remove);
        if (tagsProblem is not null) return tagsProblem;
        if (await ExclusiveClashAsync(grains, tenant, adds!) is { } clash) return clash;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            return Problems.UnsupportedMediaType(ApiPhrases.ContentTypeCsv.Say());
        if (request.ContentLength > ApiHostingExtensions.MaxRequestBodyBytes)
            return Problems.TooLarge(ApiPhrases.BodyTooLarge.Say(request.ContentLength, ApiHostingExtensions.MaxRequestBodyBytes));
        Encoding encoding;
        try
        {
            encoding = TextUpload.EncodingOf(request.ContentType);
        }
        catch (TextUpload.UploadException refused)
        {
            return TextUpload.Problem(refused);
        }
        var normalizer = (await settings.GetAsync(tenant, request.HttpContext.RequestAborted)).Normalizer;
        var (inputs, csvProblem) = await TagJobCsv.ReadAsync(request.Body, encoding, normalizer, MaxRows, request.HttpContext.RequestAborted);
        if (inputs is null) return csvProblem!;
        var wanted = inputs.Where(r => r.Identity is not null).Select(r => r.Identity!).Distinct().ToList();
        var found = wanted.Count == 0 ? [] : await identities.FindAsync(tenant, wanted, request.HttpContext.RequestAborted);
        var staged = inputs.ConvertAll(r => r.Identity is null ? r.Row
            : found.TryGetValue(r.Identity, out var customerId) ? r.Row with { CustomerId = customerId }
            : r.Row with { Error = TagPhrases.NoHolder.Say(r.Identity.Kind) });
        var jobId = NewJobId();
        await rows.StageAsync(tenant, jobId, staged, request.HttpContext.RequestAborted);
        return await LaunchAsync(grains, tenant, jobId, new TagJobSpec(TagJobKinds.Batch, "csv", adds!, removes!, by));
    }

    private static async Task<Results<Ok<TagJobView>, ProblemHttpResult>> GetAsync(string tenant, string jobId, IGrainFactory grains)
    {
        if (!Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        var view = await grains.GetGrain<ITagJobGrain>(GrainKeys.For(tenant, jobId)).GetAsync();
        return view is null ? Problems.NotFound(ApiPhrases.NoTagJob.Say(jobId)) : TypedResults.Ok(view);
    }

    /// <param name="by">The console manager who may cancel only the jobs they started; null for the admin key or an admin.</param>
    internal static async Task<Results<Ok<TagJobView>, ProblemHttpResult>> CancelAsync(IGrainFactory grains, string tenant, string jobId, string? by)
    {
        if (!Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        var job = grains.GetGrain<ITagJobGrain>(GrainKeys.For(tenant, jobId));
        var view = await job.GetAsync();
        if (view is null || by is not null && view.Spec.By != by) return Problems.NotFound(ApiPhrases.NoTagJob.Say(jobId));
        // A catalog change's job finishes what the catalog already recorded: stopping it would leave the tag half renamed.
        if (view.Spec.Kind != TagJobKinds.Batch)
            return Problems.Conflict(ApiPhrases.CatalogJobKept.Say(jobId, view.Spec.Kind));
        if (view.State == TagJobStates.Running) view = await job.CancelAsync() ?? view;
        return view.State == TagJobStates.Completed
            ? Problems.Conflict(ApiPhrases.TagJobDone.Say(jobId, view.Done, view.Failed))
            : TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<TagJobRowPage>, ProblemHttpResult>> RowsAsync(
        string tenant, string jobId, [Range(0, int.MaxValue)] int? after, [Range(1, MaxPageSize)] int? limit, string? status,
        IGrainFactory grains, TagJobRows rows, CancellationToken ct)
    {
        if (!Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        if (after is < 0) return Problems.BadRequest("after", ApiPhrases.SeqAfter.Say());
        if (limit is < 1 or > MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxPageSize));
        if (status is not (null or TagJobRowStatus.Pending or TagJobRowStatus.Changed or TagJobRowStatus.Unchanged or TagJobRowStatus.Failed))
            return Problems.BadRequest("status", ApiPhrases.TagRowStatus.Say());
        if (await grains.GetGrain<ITagJobGrain>(GrainKeys.For(tenant, jobId)).GetAsync() is null) return Problems.NotFound(ApiPhrases.NoTagJob.Say(jobId));
        var pageSize = limit ?? 100;
        var page = await rows.PageAsync(tenant, jobId, after ?? 0, pageSize + 1, status, ct);
        var items = page.Take(pageSize).Select(r => new TagJobRowItem(r.Seq, r.Input, r.CustomerId, r.Status, r.Error)).ToList();
        return TypedResults.Ok(new TagJobRowPage(items, page.Count > pageSize ? items[^1].Seq : null));
    }

    /// <summary>
    /// Stages every holder of <paramref name="tag"/> for job <paramref name="jobId"/> (the one the catalog recorded) of
    /// <paramref name="kind"/> (a catalog rename, merge or delete) and starts it: the holders' side of a catalog change.
    /// </summary>
    internal static async Task<TagJobAccepted> StartForHoldersAsync(IGrainFactory grains, TagJobRows rows, string tenant, string jobId, string kind,
        string tag, string[] add, CancellationToken ct)
    {
        await rows.StageFromDirectoryAsync(tenant, jobId, new TagJobFilter(TagsAny: [tag]), ct);
        return await StartJobAsync(grains, tenant, jobId, new TagJobSpec(kind, "holders", add, [tag]));
    }

    /// <param name="statusPath">Where the caller reads the job: the tenant route by default, the console's for a console token.</param>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> LaunchAsync(IGrainFactory grains, string tenant, string jobId, TagJobSpec spec,
        string? statusPath = null)
    {
        var accepted = await StartJobAsync(grains, tenant, jobId, spec);
        if (statusPath is not null) accepted = accepted with { StatusUrl = statusPath };
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }

    private static async Task<TagJobAccepted> StartJobAsync(IGrainFactory grains, string tenant, string jobId, TagJobSpec spec)
    {
        var view = await grains.GetGrain<ITagJobGrain>(GrainKeys.For(tenant, jobId)).StartAsync(spec);
        return new TagJobAccepted(jobId, $"/api/v1/tenants/{tenant}/tag-jobs/{jobId}", view);
    }

    internal static string NewJobId() => Guid.NewGuid().ToString("N");

    /// <summary>A 400 naming the three unless exactly one of customerIds, filter and segmentId says whom the job tags.</summary>
    internal static ProblemHttpResult? OneSourceProblem(TagJobRequest body) =>
        (body.CustomerIds is null ? 0 : 1) + (body.Filter is null ? 0 : 1) + (body.SegmentId is null ? 0 : 1) == 1 ? null
            : Problems.BadRequest(["customerIds", "filter", "segmentId"], ApiPhrases.OneSource.Say());

    /// <summary>
    /// Stages the members of saved segment <paramref name="segmentId"/> now, over the customers of
    /// <paramref name="visibleOwners"/> (null: all), as its member listing has them; a 400 naming segmentId when the
    /// tenant has no such segment (nothing staged).
    /// </summary>
    internal static async Task<ProblemHttpResult?> StageSegmentAsync(IGrainFactory grains, TagJobRows rows, SegmentStore segments, string tenant, string jobId,
        string segmentId, string[]? visibleOwners, CancellationToken ct)
    {
        var saved = Ids.IsValid(segmentId) ? await segments.GetAsync(tenant, segmentId, ct) : null;
        if (saved is null) return Problems.BadRequest("segmentId", ApiPhrases.NoSegmentOfTenant.Say(segmentId));
        var scope = await SegmentsApi.ScopeAsync(grains, tenant, saved.Filter, visibleOwners);
        await rows.StageFromSegmentAsync(tenant, jobId, saved.Filter, scope, DateTimeOffset.UtcNow, ct);
        return null;
    }

    internal static (string[]? Add, string[]? Remove, ProblemHttpResult? Problem) ReadTags(IReadOnlyList<string?>? add, IReadOnlyList<string?>? remove)
    {
        var (adds, addProblem) = TagFields.Tags("add", add);
        if (adds is null) return (null, null, addProblem);
        var (removes, removeProblem) = TagFields.Tags("remove", remove);
        if (removes is null) return (null, null, removeProblem);
        if (adds.Length + removes.Length == 0) return (null, null, Problems.BadRequest(["add", "remove"], ApiPhrases.AddOrRemove.Say()));
        if (adds.Intersect(removes, StringComparer.Ordinal).FirstOrDefault() is { } both)
            return (null, null, Problems.BadRequest("remove", ApiPhrases.AddedAndRemoved.Say(both)));
        return (adds, removes, null);
    }

    /// <summary>
    /// A 400 naming both tags when <paramref name="add"/> (the request's <paramref name="field"/>) holds two of one
    /// exclusive group of the tenant's catalog (a customer can hold only one of them: adding both would keep the last
    /// one silently); null when none clash.
    /// </summary>
    internal static async Task<ProblemHttpResult?> ExclusiveClashAsync(IGrainFactory grains, string tenant, string[] add, string field = "add")
    {
        if (add.Length < 2) return null;
        var catalog = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).GetAsync();
        if (new ExclusiveTagGroups(catalog.ExclusiveGroups()).Clash(add) is not var (first, second)) return null;
        var group = catalog.Tags.First(t => t.Tag == first).GroupId;
        return Problems.BadRequest(field, ApiPhrases.ExclusiveClash.Say(field, first, second, group));
    }

    internal static (TagJobFilter? Filter, ProblemHttpResult? Problem) ReadFilter(TagJobFilterRequest request)
    {
        var (any, anyProblem) = TagFields.Tags("filter.tagsAny", request.TagsAny);
        if (any is null) return (null, anyProblem);
        var (all, allProblem) = TagFields.Tags("filter.tagsAll", request.TagsAll);
        if (all is null) return (null, allProblem);
        if (request.Owner is { } owner && !Ids.IsValid(owner)) return (null, Problems.InvalidId("filter.owner"));
        string? tier = null, status = null;
        if (request.Tier is { } t && !TryName<CustomerTier>(t, out tier))
            return (null, Problems.BadRequest("filter.tier", ApiPhrases.FieldOneOf.Say("filter.tier", WordedList.Each(Enum.GetNames<CustomerTier>()))));
        if (request.Status is { } s && !TryName<CustomerStatus>(s, out status))
            return (null, Problems.BadRequest("filter.status", ApiPhrases.FieldOneOf.Say("filter.status", WordedList.Each(Enum.GetNames<CustomerStatus>()))));
        if (any.Length + all.Length == 0 && request.Owner is null && tier is null && status is null)
            return (null, Problems.BadRequest("filter", ApiPhrases.FilterEmpty.Say()));
        return (new TagJobFilter(any.Length > 0 ? any : null, all.Length > 0 ? all : null, request.Owner, tier, status), null);
    }

    /// <summary>An enum value's name from any casing; numbers are not names.</summary>
    private static bool TryName<TEnum>(string text, out string? name) where TEnum : struct, Enum
    {
        name = !text.Any(char.IsDigit) && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) ? value.ToString() : null;
        return name is not null;
    }
}
