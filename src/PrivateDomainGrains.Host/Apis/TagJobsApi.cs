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

    /// <summary>The 409 of a batch's start.</summary>
    internal const string BatchConflict = "A catalog rename, merge or delete of a tag it adds or removes (or into one) is still running (the problem names its job): send this again when it has finished";

    public static RouteGroupBuilder MapTagJobsApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/tenants/{tenant}/tag-jobs").WithTags("Tags").RequireAdminKey();
        jobs.MapPost("", StartAsync).WithName("StartTagJob").Audited()
            .WithSummary("Add or remove tags for customers given by id list, directory filter or saved segment, in the background. 202 with a status URL.")
            .WithJsonBody<TagJobRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "Fields are invalid (the problem names every one); nothing was stored")
            .WithProblem(StatusCodes.Status409Conflict, BatchConflict);
        jobs.MapPost("/csv", StartCsvAsync).WithName("StartTagJobFromCsv").Audited()
            .WithSummary("Add (?add=) or remove (?remove=) tags for the customers of a CSV upload (text/csv): one per line, a customer id, " +
                "or an identity as two columns `kind,value` (`phone,13800138000`) resolved through the identity index; an optional header line `customerId` or `kind,value`.")
            // Documented, not matched by routing: any other Content-Type reaches the route, whose 415 names the header.
            .WithMetadata(new RequestBodyMetadata(typeof(string), "text/csv"))
            .WithProblem(StatusCodes.Status400BadRequest, "A parameter or the upload is invalid (the problem names it); nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as text/csv")
            .WithProblem(StatusCodes.Status409Conflict, BatchConflict);
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
        var (order, invalid) = await CheckAsync(grains, segments, tenant, body, request.HttpContext.RequestAborted);
        if (order is null) return invalid!;
        return await StageAndLaunchAsync(grains, rows, tenant, order, by: null, visibleOwners: null, statusPath: null, request.HttpContext.RequestAborted);
    }

    /// <summary>A batch request checked whole: the tags it adds and removes, and whom it tags (one source).</summary>
    internal sealed record BatchOrder(string[] Add, string[] Remove, IReadOnlyList<string?>? CustomerIds, TagJobFilter? Filter, SavedSegment? Segment);

    /// <summary>
    /// The request checked whole, or a 400 naming every bad field at once: its tags (each bad one, two of one exclusive
    /// group, one both added and removed), whom it tags (exactly one source; the bad customer ids, up to
    /// <see cref="MaxIdErrors"/> of them; each bad filter field; a segment the tenant does not have).
    /// </summary>
    internal static async Task<(BatchOrder? Order, ProblemHttpResult? Problem)> CheckAsync(IGrainFactory grains, SegmentStore segments, string tenant, TagJobRequest body,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (add, remove) = await ReadTagsAsync(grains, tenant, body.Add, body.Remove, errors);
        TagJobFilter? filter = null;
        SavedSegment? segment = null;
        if (OneSourceProblem(body) is { } sources) errors.Add(sources);
        else if (body.CustomerIds is { } ids)
        {
            if (ids.Count is 0 or > MaxRows) errors.Add("customerIds", ApiPhrases.CustomerIdsCount.Say(MaxRows));
            for (int i = 0, bad = 0; i < ids.Count && bad < MaxIdErrors; i++)
                if (!Ids.IsValid(ids[i]))
                {
                    errors.Add(Problems.InvalidId($"customerIds[{i}]"));
                    bad++;
                }
        }
        else if (body.Filter is { } given) filter = ReadFilter(given, errors);
        else
        {
            segment = Ids.IsValid(body.SegmentId) ? await segments.GetAsync(tenant, body.SegmentId!, ct) : null;
            if (segment is null) errors.Add("segmentId", ApiPhrases.NoSegmentOfTenant.Say(body.SegmentId));
        }
        return errors.Problem() is { } invalid ? (null, invalid) : (new BatchOrder(add!, remove!, body.CustomerIds, filter, segment), null);
    }

    /// <summary>The most bad customer ids one 400 names (a list of a million bad ids is not read back in one answer).</summary>
    public const int MaxIdErrors = 100;

    /// <summary>
    /// Claims the batch's tags with the tag catalog (a 409 while a rename, merge or delete of one of them runs: see
    /// <see cref="ITenantTagCatalogGrain.ClaimBatchAsync"/>), then stages its customers and starts it.
    /// </summary>
    /// <param name="by">The console user who started it (null for the admin key).</param>
    /// <param name="visibleOwners">Whose customers a segment's members are taken from (null: all).</param>
    /// <param name="statusPath">Where the caller reads the job (null: the tenant route).</param>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StageAndLaunchAsync(IGrainFactory grains, TagJobRows rows, string tenant,
        BatchOrder order, string? by, string[]? visibleOwners, Func<string, string>? statusPath, CancellationToken ct)
    {
        var jobId = NewJobId();
        if (await ClaimAsync(grains, tenant, jobId, order.Add, order.Remove) is { } busy) return busy;
        string source;
        if (order.Segment is { } segment)
        {
            var scope = await SegmentsApi.ScopeAsync(grains, tenant, segment.Filter, visibleOwners);
            await rows.StageFromSegmentAsync(tenant, jobId, segment.Filter, scope, DateTimeOffset.UtcNow, ct);
            source = "segment";
        }
        else if (order.CustomerIds is { } ids)
        {
            await rows.StageAsync(tenant, jobId, [.. ids.Select(id => new TagJobInput(id!, id))], ct);
            source = "ids";
        }
        else
        {
            await rows.StageFromDirectoryAsync(tenant, jobId, order.Filter!, ct);
            source = "filter";
        }
        return await LaunchAsync(grains, tenant, jobId, new TagJobSpec(TagJobKinds.Batch, source, order.Add, order.Remove, by), statusPath?.Invoke(jobId));
    }

    /// <summary>A 409 naming the catalog's job while a rename, merge or delete of a tag the batch adds or removes runs; null once the batch's tags are claimed.</summary>
    private static async Task<ProblemHttpResult?> ClaimAsync(IGrainFactory grains, string tenant, string jobId, string[] add, string[] remove)
    {
        var outcome = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).ClaimBatchAsync(jobId, add, remove);
        return outcome.Kind == TagCatalogOutcomes.Ok ? null : TagFields.Problem(outcome);
    }

    private static Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StartCsvAsync(string tenant, [FromQuery] string[]? add, [FromQuery] string[]? remove,
        HttpRequest request, IGrainFactory grains, TagJobRows rows, IdentityIndex identities, TenantIdentitySettings settings) =>
        StartCsvJobAsync(tenant, add, remove, request, grains, rows, identities, settings, by: null);

    /// <param name="by">The console admin who started it (null for the admin key).</param>
    internal static async Task<Results<Accepted<TagJobAccepted>, ProblemHttpResult>> StartCsvJobAsync(string tenant, string[]? add, string[]? remove,
        HttpRequest request, IGrainFactory grains, TagJobRows rows, IdentityIndex identities, TenantIdentitySettings settings, string? by)
    {
        var errors = new FieldErrors();
        var (adds, removes) = await ReadTagsAsync(grains, tenant, add, remove, errors);
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
        if (csvProblem?.StatusCode == StatusCodes.Status400BadRequest) errors.Add(csvProblem);
        else if (csvProblem is not null) return csvProblem;
        if (errors.Problem() is { } invalid) return invalid;
        if (inputs is null) return csvProblem!;
        var wanted = inputs.Where(r => r.Identity is not null).Select(r => r.Identity!).Distinct().ToList();
        var found = wanted.Count == 0 ? [] : await identities.FindAsync(tenant, wanted, request.HttpContext.RequestAborted);
        var staged = inputs.ConvertAll(r => r.Identity is null ? r.Row
            : found.TryGetValue(r.Identity, out var customerId) ? r.Row with { CustomerId = customerId }
            : r.Row with { Error = TagPhrases.NoHolder.Say(r.Identity.Kind) });
        var jobId = NewJobId();
        if (await ClaimAsync(grains, tenant, jobId, adds!, removes!) is { } busy) return busy;
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
    /// A job's tags to add and remove, each bad one noted in <paramref name="errors"/>, as are no tag at all, a tag both
    /// added and removed, and two added tags of one exclusive group; null lists when any is bad.
    /// </summary>
    internal static async Task<(string[]? Add, string[]? Remove)> ReadTagsAsync(IGrainFactory grains, string tenant, IReadOnlyList<string?>? add,
        IReadOnlyList<string?>? remove, FieldErrors errors)
    {
        var (adds, addProblem) = TagFields.Tags("add", add);
        errors.Add(addProblem);
        var (removes, removeProblem) = TagFields.Tags("remove", remove);
        errors.Add(removeProblem);
        if (adds is null || removes is null) return (null, null);
        if (adds.Length + removes.Length == 0)
        {
            errors.Add(Problems.BadRequest(["add", "remove"], ApiPhrases.AddOrRemove.Say()));
            return (null, null);
        }
        var bad = false;
        if (adds.Intersect(removes, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            errors.Add("remove", ApiPhrases.AddedAndRemoved.Say(both));
            bad = true;
        }
        if (await ExclusiveClashAsync(grains, tenant, adds) is { } clash)
        {
            errors.Add(clash);
            bad = true;
        }
        return bad ? (null, null) : (adds, removes);
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

    /// <summary>The filter, each bad field of it noted in <paramref name="errors"/>; null when any is bad.</summary>
    internal static TagJobFilter? ReadFilter(TagJobFilterRequest request, FieldErrors errors)
    {
        var (any, anyProblem) = TagFields.Tags("filter.tagsAny", request.TagsAny);
        errors.Add(anyProblem);
        var (all, allProblem) = TagFields.Tags("filter.tagsAll", request.TagsAll);
        errors.Add(allProblem);
        var bad = any is null || all is null;
        if (request.Owner is { } owner && !Ids.IsValid(owner))
        {
            errors.Add(Problems.InvalidId("filter.owner"));
            bad = true;
        }
        string? tier = null, status = null;
        if (request.Tier is { } t && !TryName<CustomerTier>(t, out tier))
        {
            errors.Add("filter.tier", ApiPhrases.FieldOneOf.Say("filter.tier", WordedList.Each(Enum.GetNames<CustomerTier>())));
            bad = true;
        }
        if (request.Status is { } s && !TryName<CustomerStatus>(s, out status))
        {
            errors.Add("filter.status", ApiPhrases.FieldOneOf.Say("filter.status", WordedList.Each(Enum.GetNames<CustomerStatus>())));
            bad = true;
        }
        if (bad) return null;
        if (any!.Length + all!.Length == 0 && request.Owner is null && tier is null && status is null)
        {
            errors.Add("filter", ApiPhrases.FilterEmpty.Say());
            return null;
        }
        return new TagJobFilter(any.Length > 0 ? any : null, all.Length > 0 ? all : null, request.Owner, tier, status);
    }

    /// <summary>An enum value's name from any casing; numbers are not names.</summary>
    private static bool TryName<TEnum>(string text, out string? name) where TEnum : struct, Enum
    {
        name = !text.Any(char.IsDigit) && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) ? value.ToString() : null;
        return name is not null;
    }
}
