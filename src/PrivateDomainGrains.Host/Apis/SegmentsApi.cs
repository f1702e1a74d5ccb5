using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Segments;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence.Segments;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Saved segments (integration key): named filters over the customer directory (<see cref="SegmentFilter"/>), their
/// live count and keyset pages of members, and a preview of an unsaved filter. A bad filter is a 400 whose
/// <c>errors</c> are keyed by JSON path (<c>$.filter.rfm.recency.min</c>); nothing is stored.
/// </summary>
public static class SegmentsApi
{
    public const int DefaultPageSize = 100;
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 500;

    /// <summary>What POST and PUT take.</summary>
    /// <param name="Name">1-64 characters.</param>
    /// <param name="Description">At most 500 characters.</param>
    public sealed record SegmentRequest(string Name, string? Description, SegmentFilter Filter);

    /// <summary>A saved segment.</summary>
    /// <param name="Version">1 when created, one more with every PUT.</param>
    /// <param name="CreatedBy">The staff member who created it in the console (only they or an admin change it there); null: created with the integration key.</param>
    public sealed record SegmentView(string SegmentId, string Name, string? Description, SegmentFilter Filter, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        string? CreatedBy);

    public sealed record SegmentList(IReadOnlyList<SegmentView> Items);

    /// <summary>How many customers meet the filter now.</summary>
    /// <param name="At">The moment it was counted as of (recency and "within days" are relative to it).</param>
    /// <param name="Exact">False when counting exactly would have taken longer than <see cref="SegmentMembers.ExactCountBudget"/>:
    /// <paramref name="Count"/> is then an estimate from a sample of the directory, to two significant figures (shown as "about").</param>
    public sealed record SegmentCount(long Count, DateTimeOffset At, bool Exact);

    /// <summary>A member as the directory has it.</summary>
    /// <param name="Rfm">Recency (as of the page's moment), frequency and monetary scores, 0-5.</param>
    /// <param name="LifetimeValue">Per ISO 4217 currency code; never added across currencies.</param>
    public sealed record SegmentMember(string CustomerId, string? Name, string? Owner, IReadOnlyList<string> Tags, string Tier, string Status,
        DateTimeOffset? LastInteractionAt, int OpenNudges, int Orders, RfmView Rfm, IReadOnlyDictionary<string, decimal> LifetimeValue);

    /// <summary>One page of members, by customer id.</summary>
    /// <param name="Next">The <c>cursor</c> of the next page (it keeps this page's moment, so pages agree with each other); null on the last page.</param>
    public sealed record SegmentMemberPage(IReadOnlyList<SegmentMember> Items, string? Next);

    /// <summary>What the preview takes: an unsaved filter.</summary>
    /// <param name="Limit">Members to return with the count, 0-500 (20 by default).</param>
    public sealed record SegmentPreviewRequest(SegmentFilter Filter, [Range(0, SegmentMembers.MaxPageSize)] int? Limit);

    /// <summary>The count and first members of an unsaved filter.</summary>
    /// <param name="Exact">As in <see cref="SegmentCount"/>.</param>
    public sealed record SegmentPreview(long Count, DateTimeOffset At, bool Exact, IReadOnlyList<SegmentMember> Items, string? Next);

    private const string FilterProblem = "The body or its filter is invalid: every error in `errors`, keyed by JSON path (`$.filter.tiers[0]`); nothing was stored";
    private const string NotFoundProblem = "No segment with this id in the tenant";

    public static RouteGroupBuilder MapSegmentsApi(this RouteGroupBuilder api)
    {
        var segments = api.MapGroup("/tenants/{tenant}/segments").WithTags("Segments").RequireIntegrationKey();
        // The creator is the console user's alone: bound directly, an optional parameter would be read from ?createdBy=.
        segments.MapPost("", (string tenant, HttpRequest request, SegmentStore store, IGrainFactory grains, DirectoryNames directory, CancellationToken ct) =>
                CreateAsync(tenant, request, store, grains, directory, ct, createdBy: null)).WithName("CreateSegment").WithJsonBody<SegmentRequest>()
            .WithSummary("Save a segment: a name and a filter over tags, tiers, statuses, owners or teams, RFM scores, lifetime value per currency, last interaction, open nudges and custom fields.")
            .WithProblem(StatusCodes.Status400BadRequest, FilterProblem)
            .WithProblem(StatusCodes.Status409Conflict, $"The tenant already has {SegmentStore.MaxPerTenant} segments");
        segments.MapGet("", ListAsync).WithName("ListSegments").WithSummary("The tenant's segments by name.");
        // The whole tenant: no owners to keep to (the console's twins below pass the user's).
        segments.MapPost("/preview", (string tenant, HttpRequest request, SegmentMembers members, IGrainFactory grains, DirectoryNames directory, CancellationToken ct) =>
                PreviewAsync(tenant, request, members, grains, directory, ct, visibleOwners: null))
            .WithName("PreviewSegment").WithJsonBody<SegmentPreviewRequest>().RequireScope(ApiScopes.CustomersRead)
            .WithSummary("Count an unsaved filter and list its first members (nothing is stored): for editing a filter with a live count.")
            .WithProblem(StatusCodes.Status400BadRequest, FilterProblem);
        var segment = segments.MapGroup("/{segmentId}")
            .WithProblem(StatusCodes.Status404NotFound, NotFoundProblem);
        segment.MapGet("", GetAsync).WithName("GetSegment").WithSummary("The segment and its filter.");
        segment.MapPut("", ReplaceAsync).WithName("ReplaceSegment").WithJsonBody<SegmentRequest>()
            .WithSummary("Replace the segment's name, description and filter (its version goes up by one).")
            .WithProblem(StatusCodes.Status400BadRequest, FilterProblem);
        segment.MapDelete("", DeleteAsync).WithName("DeleteSegment").WithSummary("Delete the segment.");
        segment.MapGet("/count", (string tenant, string segmentId, SegmentStore store, SegmentMembers members, IGrainFactory grains, CancellationToken ct) =>
                CountAsync(tenant, segmentId, store, members, grains, ct, visibleOwners: null))
            .WithName("CountSegment").WithSummary("How many customers are in the segment now, from the customer directory: exact, or an estimate (exact: false) when an exact count would take too long.");
        segment.MapGet("/members", (
                string tenant, string segmentId, string? cursor, [Range(1, SegmentMembers.MaxPageSize)] int? limit, SegmentStore store, SegmentMembers members,
                IGrainFactory grains, CancellationToken ct) => MembersAsync(tenant, segmentId, cursor, limit, store, members, grains, ct, visibleOwners: null))
            .WithName("ListSegmentMembers")
            .WithSummary("The segment's members by customer id, paged by ?cursor=<next>&limit=<1-500> (100 by default).")
            .WithProblem(StatusCodes.Status400BadRequest, "'cursor' or 'limit' is malformed");

        // The console's twin for managers and admins: the same segments of the tenant, each counted and listed over the
        // customers the user may see (a manager: the team's and the unowned; an admin: all).
        var console = api.MapGroup("/console/segments").WithTags("Console").RequireConsoleToken()
            .AddEndpointFilter(ManagersOnlyAsync).WithProblem(StatusCodes.Status403Forbidden, ApiPhrases.SegmentsManagersOnly.English);
        console.MapPost("", (ConsoleUser user, HttpRequest request, SegmentStore store, IGrainFactory grains, DirectoryNames directory, CancellationToken ct) =>
                CreateAsync(user.Tenant, request, store, grains, directory, ct, user.StaffId))
            .WithName("CreateMySegment").WithJsonBody<SegmentRequest>().WithSummary("CreateSegment for a manager or admin.")
            .WithProblem(StatusCodes.Status400BadRequest, FilterProblem)
            .WithProblem(StatusCodes.Status409Conflict, $"The tenant already has {SegmentStore.MaxPerTenant} segments");
        console.MapGet("", (ConsoleUser user, SegmentStore store, CancellationToken ct) => ListAsync(user.Tenant, store, ct))
            .WithName("ListMySegments").WithSummary("ListSegments for a manager or admin.");
        console.MapPost("/preview", async (ConsoleUser user, HttpRequest request, SegmentMembers members, IGrainFactory grains, DirectoryNames directory, ConsoleScope scope,
                CancellationToken ct) => await PreviewAsync(user.Tenant, request, members, grains, directory, ct, await scope.DefaultOwnersAsync(user)))
            .WithName("PreviewMySegment").WithJsonBody<SegmentPreviewRequest>().WithSummary("PreviewSegment over the customers the user may see.")
            .WithProblem(StatusCodes.Status400BadRequest, FilterProblem);
        var mine = console.MapGroup("/{segmentId}").WithProblem(StatusCodes.Status404NotFound, NotFoundProblem);
        mine.MapGet("", (ConsoleUser user, string segmentId, SegmentStore store, CancellationToken ct) => GetAsync(user.Tenant, segmentId, store, ct))
            .WithName("GetMySegment").WithSummary("GetSegment for a manager or admin.");
        mine.MapPut("", (ConsoleUser user, string segmentId, HttpRequest request, SegmentStore store, IGrainFactory grains, DirectoryNames directory, CancellationToken ct) =>
                ReplaceAsync(user.Tenant, segmentId, request, store, grains, directory, ct, user))
            .WithName("ReplaceMySegment").WithJsonBody<SegmentRequest>().WithSummary("ReplaceSegment for the segment's creator or an admin; other managers read it (403).")
            .WithProblem(StatusCodes.Status400BadRequest, FilterProblem);
        mine.MapDelete("", (ConsoleUser user, string segmentId, SegmentStore store, CancellationToken ct) => DeleteAsync(user.Tenant, segmentId, store, ct, user))
            .WithName("DeleteMySegment").WithSummary("DeleteSegment for the segment's creator or an admin; other managers read it (403).");
        mine.MapGet("/count", async (ConsoleUser user, string segmentId, SegmentStore store, SegmentMembers members, IGrainFactory grains, ConsoleScope scope,
                CancellationToken ct) => await CountAsync(user.Tenant, segmentId, store, members, grains, ct, await scope.DefaultOwnersAsync(user)))
            .WithName("CountMySegment").WithSummary("CountSegment over the customers the user may see.");
        mine.MapGet("/members", async (
                ConsoleUser user, string segmentId, string? cursor, [Range(1, SegmentMembers.MaxPageSize)] int? limit, SegmentStore store, SegmentMembers members,
                IGrainFactory grains, ConsoleScope scope, CancellationToken ct) =>
                await MembersAsync(user.Tenant, segmentId, cursor, limit, store, members, grains, ct, await scope.DefaultOwnersAsync(user)))
            .WithName("ListMySegmentMembers").WithSummary("ListSegmentMembers over the customers the user may see.")
            .WithProblem(StatusCodes.Status400BadRequest, "'cursor' or 'limit' is malformed");
        return api;
    }


    /// <summary>Lets managers and admins through; a staff member gets 403 before anything is read.</summary>
    private static async ValueTask<object?> ManagersOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ConsoleUser.From(context.HttpContext.User) is { IsManager: true } ? await next(context) : Problems.Forbidden(ApiPhrases.SegmentsManagersOnly.Say());

    /// <param name="createdBy">The console user creating it (they and admins may change it later); null for the integration key.</param>
    private static async Task<Results<Created<SegmentView>, ProblemHttpResult, ValidationProblem>> CreateAsync(string tenant, HttpRequest request, SegmentStore store,
        IGrainFactory grains, DirectoryNames directory, CancellationToken ct, string? createdBy = null)
    {
        var (body, problem, invalid) = await ReadBodyAsync(request, grains, directory, tenant, ct);
        if (body is null) return problem is not null ? problem : invalid!;
        var segmentId = "seg-" + Guid.NewGuid().ToString("N")[..16];
        var saved = await store.CreateAsync(tenant, segmentId, body.Name, body.Description, body.Filter, createdBy, ct);
        if (saved is null) return Problems.Conflict(ApiPhrases.SegmentLimit.Say(SegmentStore.MaxPerTenant));
        return TypedResults.Created($"/api/v1/tenants/{tenant}/segments/{segmentId}", View(saved));
    }

    private static async Task<Ok<SegmentList>> ListAsync(string tenant, SegmentStore store, CancellationToken ct) =>
        TypedResults.Ok(new SegmentList([.. (await store.ListAsync(tenant, ct)).Select(View)]));

    private static async Task<Results<Ok<SegmentView>, ProblemHttpResult>> GetAsync(string tenant, string segmentId, SegmentStore store, CancellationToken ct) =>
        await FindAsync(tenant, segmentId, store, ct) is { } saved ? TypedResults.Ok(View(saved)) : NotFound(segmentId);

    /// <param name="editor">The console user changing it, who must be its creator or an admin; null for the integration key.</param>
    private static async Task<Results<Ok<SegmentView>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        string tenant, string segmentId, HttpRequest request, SegmentStore store, IGrainFactory grains, DirectoryNames directory, CancellationToken ct,
        ConsoleUser? editor = null)
    {
        if (!Ids.IsValid(segmentId)) return NotFound(segmentId);
        if (await NotTheirsAsync(tenant, segmentId, store, editor, ct) is { } refused) return refused;
        var (body, problem, invalid) = await ReadBodyAsync(request, grains, directory, tenant, ct);
        if (body is null) return problem is not null ? problem : invalid!;
        var saved = await store.ReplaceAsync(tenant, segmentId, body.Name, body.Description, body.Filter, ct);
        return saved is null ? NotFound(segmentId) : TypedResults.Ok(View(saved));
    }

    /// <param name="editor">As for <see cref="ReplaceAsync"/>.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string tenant, string segmentId, SegmentStore store, CancellationToken ct,
        ConsoleUser? editor = null)
    {
        if (!Ids.IsValid(segmentId)) return NotFound(segmentId);
        if (await NotTheirsAsync(tenant, segmentId, store, editor, ct) is { } refused) return refused;
        return await store.DeleteAsync(tenant, segmentId, ct) ? TypedResults.NoContent() : NotFound(segmentId);
    }

    /// <summary>
    /// A 403 when <paramref name="editor"/> (a console user) may not change the segment: only its creator and admins
    /// may; other managers read it. A segment created with the integration key has no creator: admins change it. Null
    /// when the change may go on (also when there is no such segment: the change then answers its 404).
    /// </summary>
    private static async Task<ProblemHttpResult?> NotTheirsAsync(string tenant, string segmentId, SegmentStore store, ConsoleUser? editor, CancellationToken ct)
    {
        if (editor is null || editor.IsAdmin) return null;
        var saved = await store.GetAsync(tenant, segmentId, ct);
        return saved is null || saved.CreatedBy == editor.StaffId ? null
            : Problems.Forbidden(saved.CreatedBy is { } by ? ApiPhrases.SegmentOfStaff.Say(segmentId, by) : ApiPhrases.SegmentOfKey.Say(segmentId));
    }

    private static async Task<Results<Ok<SegmentCount>, ProblemHttpResult>> CountAsync(
        string tenant, string segmentId, SegmentStore store, SegmentMembers members, IGrainFactory grains, CancellationToken ct, string[]? visibleOwners)
    {
        if (await FindAsync(tenant, segmentId, store, ct) is not { } saved) return NotFound(segmentId);
        var now = DateTimeOffset.UtcNow;
        var tally = await members.TallyAsync(tenant, saved.Filter, await ScopeAsync(grains, tenant, saved.Filter, visibleOwners), now, ct);
        return TypedResults.Ok(new SegmentCount(tally.Count, now, tally.Exact));
    }

    private static async Task<Results<Ok<SegmentMemberPage>, ProblemHttpResult>> MembersAsync(
        string tenant, string segmentId, string? cursor, int? limit, SegmentStore store, SegmentMembers members, IGrainFactory grains, CancellationToken ct,
        string[]? visibleOwners)
    {
        if (limit is < 1 or > SegmentMembers.MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, SegmentMembers.MaxPageSize));
        var now = DateTimeOffset.UtcNow;
        string? after = null;
        if (cursor is not null)
        {
            if (!PageCursor.TryDecode(cursor, out var at, out var key) || at is null || !Ids.IsValid(key))
                return Problems.BadRequest("cursor", ApiPhrases.PageToken.Say("cursor"));
            (now, after) = (at.Value, key);
        }
        if (await FindAsync(tenant, segmentId, store, ct) is not { } saved) return NotFound(segmentId);
        return TypedResults.Ok(await PageAsync(members, tenant, saved.Filter, await ScopeAsync(grains, tenant, saved.Filter, visibleOwners), now, after, limit ?? DefaultPageSize, ct));
    }

    private static async Task<Results<Ok<SegmentPreview>, ProblemHttpResult, ValidationProblem>> PreviewAsync(
        string tenant, HttpRequest request, SegmentMembers members, IGrainFactory grains, DirectoryNames directory, CancellationToken ct, string[]? visibleOwners)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(request);
        if (document is null) return problem!;
        using (document)
        {
            var errors = new List<PlaybookError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Invalid([new("$", CommonPhrases.NotAnObject.Say())]);
            var filter = ReadFilter(root, errors);
            if (filter is not null) await SegmentNames.CheckAsync(grains, directory, tenant, filter, "$.filter", errors, ct);
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("filter" or "limit")) errors.Add(new("$." + property.Name, ApiPhrases.NotAPreviewProperty.Say()));
            var limit = 20;
            if (root.TryGetProperty("limit", out var limitJson) && limitJson.ValueKind != JsonValueKind.Null
                && (limitJson.ValueKind != JsonValueKind.Number || !limitJson.TryGetInt32(out limit) || limit is < 0 or > SegmentMembers.MaxPageSize))
                errors.Add(new("$.limit", ApiPhrases.PreviewLimit.Say(SegmentMembers.MaxPageSize)));
            if (errors.Count > 0 || filter is null) return Invalid(errors);

            var now = DateTimeOffset.UtcNow;
            var scope = await ScopeAsync(grains, tenant, filter, visibleOwners);
            var tally = await members.TallyAsync(tenant, filter, scope, now, ct);
            var page = limit == 0 ? new SegmentMemberPage([], null) : await PageAsync(members, tenant, filter, scope, now, null, limit, ct);
            return TypedResults.Ok(new SegmentPreview(tally.Count, now, tally.Exact, page.Items, page.Next));
        }
    }

    private static async Task<SegmentMemberPage> PageAsync(SegmentMembers members, string tenant, SegmentFilter filter, SegmentScope scope,
        DateTimeOffset now, string? after, int limit, CancellationToken ct)
    {
        var (rows, more) = await members.PageAsync(tenant, filter, scope, now, after, limit, ct);
        var items = rows.Select(m =>
        {
            var rfm = Core.Tiers.RfmScores.At(now, m.Orders, m.LastOrderAt, m.MonetaryScore);
            return new SegmentMember(m.CustomerId, m.DisplayName, m.Owner, m.Tags, m.Tier, m.Status, m.LastInteractionAt, m.OpenNudges, m.Orders,
                new RfmView(rfm.Recency, rfm.Frequency, rfm.Monetary), m.LifetimeValue);
        }).ToList();
        return new SegmentMemberPage(items, more ? PageCursor.Encode(now, rows[^1].CustomerId) : null);
    }

    /// <summary>
    /// Reads a POST or PUT body: the name and description checked here, the filter by <see cref="SegmentFilterValidator"/>
    /// and what it names by <see cref="SegmentNames"/>; every error at once.
    /// </summary>
    private static async Task<(SegmentRequest? Body, ProblemHttpResult? Problem, ValidationProblem? Invalid)> ReadBodyAsync(HttpRequest request, IGrainFactory grains,
        DirectoryNames directory, string tenant, CancellationToken ct)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(request);
        if (document is null) return (null, problem, null);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, Invalid([new("$", CommonPhrases.NotAnObject.Say())]));
            var errors = new List<PlaybookError>();
            string? name = null, description = null;
            if (!root.TryGetProperty("name", out var nameJson) || Text(nameJson)?.Trim() is not { Length: > 0 and <= MaxNameLength } given || !IsPlainText(given))
                errors.Add(new("$.name", ApiPhrases.SegmentName.Say(MaxNameLength)));
            else name = given;
            if (root.TryGetProperty("description", out var descriptionJson) && descriptionJson.ValueKind != JsonValueKind.Null
                && (Text(descriptionJson) is not { Length: <= MaxDescriptionLength } text || !IsPlainText(text.Replace('\n', ' '))))
                errors.Add(new("$.description", ApiPhrases.SegmentDescription.Say(MaxDescriptionLength)));
            else description = descriptionJson.ValueKind == JsonValueKind.String ? descriptionJson.GetString() : null;
            var filter = ReadFilter(root, errors);
            if (filter is not null) await SegmentNames.CheckAsync(grains, directory, tenant, filter, "$.filter", errors, ct);
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("name" or "description" or "filter")) errors.Add(new("$." + property.Name, ApiPhrases.NotASegmentProperty.Say()));
            if (errors.Count > 0) return (null, null, Invalid(errors));
            return (new SegmentRequest(name!, string.IsNullOrWhiteSpace(description) ? null : description, filter!), null, null);
        }
    }

    /// <summary>A JSON string's text; null for another kind of value, or a string that is not valid Unicode (an unpaired surrogate).</summary>
    private static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Storable, and plain text (<see cref="PlainText"/>: a name is shown in lists, where neither control nor format characters belong).</summary>
    private static bool IsPlainText(string text) => StorableText.IsStorable(text) && PlainText.Problem(text) is null;

    /// <summary>The body's <c>filter</c>, validated; null with its errors (by JSON path) added to <paramref name="errors"/>.</summary>
    private static SegmentFilter? ReadFilter(JsonElement body, List<PlaybookError> errors)
    {
        if (!body.TryGetProperty("filter", out var json))
        {
            errors.Add(new("$.filter", CommonPhrases.Required.Say()));
            return null;
        }
        var (filter, filterErrors) = SegmentFilterValidator.Read(json, "$.filter");
        errors.AddRange(filterErrors);
        return filter;
    }

    /// <summary>
    /// The staff ids of the filter's teams, from the tenant's roster now (disabled members included: they may still own
    /// customers), and whose customers the caller may see (null: all).
    /// </summary>
    internal static async Task<SegmentScope> ScopeAsync(IGrainFactory grains, string tenant, SegmentFilter filter, string[]? visibleOwners)
    {
        if (filter.Teams is not { Length: > 0 } teams) return new([], visibleOwners);
        var wanted = teams.ToHashSet(StringComparer.Ordinal);
        return new([.. (await grains.GetGrain<ITenantGrain>(tenant).GetRosterAsync()).Where(e => e.Team is { } t && wanted.Contains(t)).Select(e => e.StaffId)], visibleOwners);
    }

    private static async Task<SavedSegment?> FindAsync(string tenant, string segmentId, SegmentStore store, CancellationToken ct) =>
        Ids.IsValid(segmentId) ? await store.GetAsync(tenant, segmentId, ct) : null;

    private static SegmentView View(SavedSegment s) => new(s.SegmentId, s.Name, s.Description, s.Filter, s.Version, s.CreatedAt, s.UpdatedAt, s.CreatedBy);

    private static ValidationProblem Invalid(IEnumerable<PlaybookError> errors) =>
        Problems.Invalid(ApiPhrases.SegmentInvalid.Say(),
            errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    private static ProblemHttpResult NotFound(string segmentId) => Problems.NotFound(ApiPhrases.NoSegment.Say(segmentId));
}
