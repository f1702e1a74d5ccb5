using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Identities;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Identity imports (issue 14, admin key): a bulk import of existing customers' identities as a background job. The
/// upload (CSV or JSON lines, <see cref="IdentityImportUpload"/>) is streamed into staging as it arrives, then the job
/// (<see cref="IIdentityImportGrain"/>) adds its rows to the identity index page by page, with progress and a result
/// per row; it survives the loss of its node. The synchronous <c>POST .../identities/import</c> takes small imports
/// through the same row check and the same bulk path.
/// </summary>
public static class IdentityImportsApi
{
    /// <summary>The largest upload: 256 MiB (about 5,000,000 CSV rows of a phone each), above the API's usual 8 MiB.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>The most rows one upload may hold.</summary>
    public const long MaxRows = 2_000_000;

    public const int MaxPageSize = 1_000;

    /// <summary>The import runs in the background; poll <see cref="StatusUrl"/> (also the Location header).</summary>
    public sealed record IdentityImportAccepted(string JobId, string StatusUrl, IdentityImportView Job);

    /// <summary>One row of an import and its result.</summary>
    /// <param name="Line">Its line in the upload, from 1 (a CSV header is line 1); pass the last as <c>after</c> for the next page.</param>
    /// <param name="CustomerId">The customer (its survivor's id when it was merged into another); when refused, as given if it is a valid id, masked otherwise.</param>
    /// <param name="Kind">Normalised; when refused, as given if it is an identity kind, masked otherwise.</param>
    /// <param name="Value">Normalised (a phone in E.164) while pending; masked (<c>+86********000</c>) once refused or worked: a report keeps no personal value.</param>
    /// <param name="State"><c>pending</c>, <c>added</c>, <c>unchanged</c>, <c>refused</c> or <c>conflict</c>.</param>
    /// <param name="Field">What is wrong with a refused row (<c>customerId</c>, <c>kind</c>, <c>value</c>, or <c>line</c>), <c>value</c> for a conflict.</param>
    /// <param name="Reason">Why it was refused, or the customer holding the identity of a conflict.</param>
    public sealed record IdentityImportRowItem(long Line, string? CustomerId, string? Kind, string? Value, string State, string? Field, string? Reason);

    /// <param name="NextAfter">The <c>after</c> of the next page; null on the last.</param>
    public sealed record IdentityImportRowPage(IReadOnlyList<IdentityImportRowItem> Items, long? NextAfter);

    public static RouteGroupBuilder MapIdentityImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/tenants/{tenant}/identity-imports").WithTags("Identities").RequireAdminKey().RequireScope(ApiScopes.Admin);
        imports.MapPost("", StartAsync).WithName("StartIdentityImport").Audited()
            .WithSummary("Import identities of existing customers in the background from an upload streamed as the body: CSV (text/csv) with the header " +
                "customerId,kind,value, or JSON lines (application/x-ndjson) of {\"customerId\",\"kind\",\"value\"}; at most 2,000,000 rows and 256 MiB. " +
                "202 with a status URL; each row is added or refused on its own, a row naming a customer the platform does not know refused on customerId " +
                "unless ?createCustomers=true (its first event then creates it).")
            // Documented, not matched by routing: any other Content-Type reaches the route, whose 415 names the header.
            .WithMetadata(new RequestBodyMetadata(typeof(string), "text/csv"), new RequestBodyMetadata(typeof(string), "application/x-ndjson"))
            .WithProblem(StatusCodes.Status400BadRequest, "The upload cannot be read (no header, not UTF-8, no rows): the problem names the line; nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, "The upload holds more than 2,000,000 rows or 256 MiB; nothing was stored")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is neither text/csv nor application/x-ndjson");
        imports.MapGet("/{jobId}", GetAsync).WithName("GetIdentityImport")
            .WithSummary("An import's progress: state (running, completed, cancelled), rows read, added, unchanged, refused, conflicts, pending events attached.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such import in the tenant");
        imports.MapPost("/{jobId}/cancel", CancelAsync).WithName("CancelIdentityImport").Audited()
            .WithSummary("Stop a running import before its next page: the rows it worked keep their results, the others become cancelled with their values masked, and the answer " +
                "is its final status (state cancelled). A cancelled import answers the same again.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such import in the tenant")
            .WithProblem(StatusCodes.Status409Conflict, "The import completed already");
        imports.MapGet("/{jobId}/rows", RowsAsync).WithName("ListIdentityImportRows")
            .WithSummary("The import's rows and their results in line order, paged with ?after=<line>&limit=<1-1000> (100 by default), optionally " +
                "?state=refused (or conflict, added, unchanged, pending, cancelled: never added, the import having been cancelled): the per-row error report.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id, 'after', 'limit' or 'state' is invalid")
            .WithProblem(StatusCodes.Status404NotFound, "No such import in the tenant");
        return api;
    }

    private static Task<Results<Accepted<IdentityImportAccepted>, ProblemHttpResult>> StartAsync(string tenant, bool? createCustomers, HttpRequest request,
        TenantIdentitySettings settings, IdentityImportRows rows, IGrainFactory grains) =>
        StartImportAsync(tenant, format => new IdentityImportSpec(format, createCustomers ?? false), $"/api/v1/tenants/{tenant}/identity-imports",
            request, settings, rows, grains);

    /// <summary>
    /// Streams the upload into staging and starts its job with <paramref name="spec"/> (given the format); answers 202
    /// with the status URL under <paramref name="path"/>. Shared by the admin key's route and the console's.
    /// </summary>
    internal static async Task<Results<Accepted<IdentityImportAccepted>, ProblemHttpResult>> StartImportAsync(string tenant, Func<string, IdentityImportSpec> spec,
        string path, HttpRequest request, TenantIdentitySettings settings, IdentityImportRows rows, IGrainFactory grains)
    {
        if (IdentityImportUpload.FormatOf(request.ContentType) is not { } format)
            return Problems.UnsupportedMediaType(ApiPhrases.ContentTypeCsvOrNdjson.Say());
        if (request.ContentLength > MaxUploadBytes) return Problems.TooLarge(ApiPhrases.BodyTooLarge.Say(request.ContentLength, MaxUploadBytes));
        // This route alone takes more than the API's usual limit; the upload is read line by line, never held whole.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes;
        var ct = request.HttpContext.RequestAborted;
        var normalizer = (await settings.GetAsync(tenant, ct)).Normalizer;
        var jobId = TagJobsApi.NewJobId();
        long staged;
        try
        {
            var encoding = TextUpload.EncodingOf(request.ContentType);
            staged = await rows.StageAsync(tenant, jobId, IdentityImportUpload.ReadAsync(request.Body, format, encoding, normalizer, MaxRows, ct), ct);
        }
        catch (TextUpload.UploadException ex)
        {
            return TextUpload.Problem(ex);
        }
        if (staged == 0) return Problems.BadRequest("body", ApiPhrases.NoRows.Say());
        var view = await grains.GetGrain<IIdentityImportGrain>(GrainKeys.For(tenant, jobId)).StartAsync(spec(format));
        var statusUrl = $"{path}/{jobId}";
        return TypedResults.Accepted(statusUrl, new IdentityImportAccepted(jobId, statusUrl, view));
    }

    private static Task<Results<Ok<IdentityImportView>, ProblemHttpResult>> GetAsync(string tenant, string jobId, IGrainFactory grains) =>
        GetImportAsync(tenant, jobId, null, grains);

    /// <summary>The import's status; with <paramref name="by"/> (a manager in the console) only an import they started, another's being a 404.</summary>
    internal static async Task<Results<Ok<IdentityImportView>, ProblemHttpResult>> GetImportAsync(string tenant, string jobId, string? by, IGrainFactory grains)
    {
        if (!Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        var view = await grains.GetGrain<IIdentityImportGrain>(GrainKeys.For(tenant, jobId)).GetAsync();
        return Visible(view, by) ? TypedResults.Ok(view!) : NoSuchImport(jobId);
    }

    private static Task<Results<Ok<IdentityImportView>, ProblemHttpResult>> CancelAsync(string tenant, string jobId, IGrainFactory grains) =>
        CancelImportAsync(tenant, jobId, null, grains);

    /// <summary>Cancels the import (as <see cref="GetImportAsync"/> sees it): its final status, 409 when it completed already.</summary>
    internal static async Task<Results<Ok<IdentityImportView>, ProblemHttpResult>> CancelImportAsync(string tenant, string jobId, string? by, IGrainFactory grains)
    {
        if (!Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        var job = grains.GetGrain<IIdentityImportGrain>(GrainKeys.For(tenant, jobId));
        var view = await job.GetAsync();
        if (!Visible(view, by)) return NoSuchImport(jobId);
        if (view!.State == IdentityImportStates.Running) view = await job.CancelAsync() ?? view;
        return view.State == IdentityImportStates.Completed
            ? Problems.Conflict(ApiPhrases.ImportDone.Say(jobId, view.Added, view.Refused, view.Conflicts))
            : TypedResults.Ok(view);
    }

    private static Task<Results<Ok<IdentityImportRowPage>, ProblemHttpResult>> RowsAsync(
        string tenant, string jobId, [Range(typeof(long), "0", WholeNumbers.LongMax)] long? after, [Range(1, MaxPageSize)] int? limit, string? state,
        IGrainFactory grains, IdentityImportRows rows, CancellationToken ct) =>
        RowsOfAsync(tenant, jobId, null, after, limit, state, grains, rows, ct);

    /// <summary>A page of the import's rows (as <see cref="GetImportAsync"/> sees the import).</summary>
    internal static async Task<Results<Ok<IdentityImportRowPage>, ProblemHttpResult>> RowsOfAsync(string tenant, string jobId, string? by, long? after, int? limit,
        string? state, IGrainFactory grains, IdentityImportRows rows, CancellationToken ct)
    {
        if (!Ids.IsValid(jobId)) return Problems.InvalidId("jobId");
        if (after is < 0) return Problems.BadRequest("after", ApiPhrases.RowsAfter.Say());
        if (limit is < 1 or > MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxPageSize));
        if (state is not null && !IdentityImportRowState.IsKnown(state))
            return Problems.BadRequest("state", ApiPhrases.RowState.Say());
        if (!Visible(await grains.GetGrain<IIdentityImportGrain>(GrainKeys.For(tenant, jobId)).GetAsync(), by)) return NoSuchImport(jobId);
        var pageSize = limit ?? 100;
        var page = await rows.PageAsync(tenant, jobId, after ?? 0, pageSize + 1, state, ct);
        var items = page.Take(pageSize).Select(r => new IdentityImportRowItem(r.Line, r.CustomerId, r.Kind, r.Value, r.State, r.Field, r.Reason)).ToList();
        return TypedResults.Ok(new IdentityImportRowPage(items, page.Count > pageSize ? items[^1].Line : null));
    }

    /// <summary>Whether the import exists for the caller: any, or (<paramref name="by"/>) only one that staff member started.</summary>
    private static bool Visible(IdentityImportView? view, string? by) => view is not null && (by is null || view.By == by);

    private static ProblemHttpResult NoSuchImport(string jobId) => Problems.NotFound(ApiPhrases.NoImport.Say(jobId));
}
