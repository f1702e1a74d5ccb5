using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Campaigns;
using PrivateDomainGrains.Core.Campaigns;
using CampaignRun = PrivateDomainGrains.Abstractions.Campaigns.CampaignView;
using CoreScript = PrivateDomainGrains.Core.Campaigns.CampaignScript;
using CoreVariant = PrivateDomainGrains.Core.Campaigns.CampaignVariant;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Host.Reports;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Persistence.Segments;
using static PrivateDomainGrains.Host.Apis.ReportsApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Campaigns (群发, admin key): one nudge per member of a saved segment to the member's owner, through the contact
/// policy, paced over a send window (<see cref="ICampaignGrain"/>); progress, pause, resume, cancel, and per-campaign
/// results from the execution rollups (source <c>campaign:{id}</c>). Bad input is a 400 naming the field; nothing is stored.
/// </summary>
public static class CampaignsApi
{
    public const int MaxNameLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxVariants = 10;
    public const int MaxListed = 200;
    /// <summary>The longest send window.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>One variant of the script.</summary>
    /// <param name="Id">An id (letters, digits, <c>-_.:</c>), unique in the script: the execution reports' variant.</param>
    public sealed record CampaignVariant(string? Id, string? Title, string? Text);

    /// <summary>The nudge each owner gets: a title and a text with placeholders (<c>{name}</c>, <c>{tier}</c>, <c>{field.city}</c>...), or 1-10 variants.</summary>
    /// <param name="Title">1-200 characters.</param>
    /// <param name="Text">1-2,000 characters.</param>
    /// <param name="Variants">Optional; each member gets one, chosen by a hash of its customer id.</param>
    public sealed record CampaignScript(string? Title, string? Text, IReadOnlyList<CampaignVariant?>? Variants = null);

    /// <summary>What POST takes.</summary>
    /// <param name="Name">1-64 characters.</param>
    /// <param name="SegmentId">A saved segment of the tenant.</param>
    /// <param name="StartAt">ISO 8601; members are reached from then (a past time: now) ...</param>
    /// <param name="EndAt">... until then: after <c>startAt</c> and in the future, at most 31 days after <c>startAt</c>.</param>
    public sealed record CampaignRequest(string? Name, string? SegmentId, CampaignScript? Script, DateTimeOffset? StartAt, DateTimeOffset? EndAt);

    /// <summary>A campaign, its progress and (one campaign) its results.</summary>
    /// <param name="State"><c>running</c> (also while waiting for its window), <c>paused</c>, <c>completed</c>, <c>expired</c> (the window ended first) or <c>cancelled</c>.</param>
    /// <param name="MembersTotal">The segment's count when the campaign's first page was read; 0 before.</param>
    /// <param name="Reached">Members worked so far: <c>raised + held + suppressed + failed</c>.</param>
    /// <param name="Raised">Nudges raised to the owner.</param>
    /// <param name="Held">Nudges held by the contact policy (caps, quiet hours): raised later when it allows.</param>
    /// <param name="Suppressed">Never raised (no owner, a cap of 0, dismissed too often).</param>
    /// <param name="Failed">Customers gone since they were listed, or an error.</param>
    /// <param name="Results">What came of its nudges (<c>shown</c>, <c>done</c>, <c>replies</c>, <c>orders</c>, <c>revenue</c>...), from the execution rollups; null in listings and before any was raised.</param>
    public sealed record CampaignView(string CampaignId, string Name, string SegmentId, int SegmentVersion, CampaignScript Script,
        DateTimeOffset StartAt, DateTimeOffset EndAt, string By, string State, long MembersTotal, long Reached, long Raised, long Held, long Suppressed,
        long Failed, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, ExecutionGroup? Results);

    public sealed record CampaignList(IReadOnlyList<CampaignView> Items);

    private const string NotFoundProblem = "No campaign with this id in the tenant";

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/tenants/{tenant}/campaigns").WithTags("Campaigns").RequireAdminKey();
        campaigns.MapPost("", CreateAsync).WithName("CreateCampaign").Audited().WithJsonBody<CampaignRequest>()
            .WithSummary("Send one nudge per member of a saved segment to its owner, through the contact policy, paced over a send window.")
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored");
        campaigns.MapGet("", ListAsync).WithName("ListCampaigns").WithSummary("The tenant's campaigns, newest first (at most 200), with their progress.");
        var campaign = campaigns.MapGroup("/{campaignId}").WithProblem(StatusCodes.Status404NotFound, NotFoundProblem);
        campaign.MapGet("", GetAsync).WithName("GetCampaign")
            .WithSummary("A campaign: state, members total, raised, held, suppressed, failed, and its results (reached, done, replies, orders, revenue).");
        campaign.MapPost("/pause", (string tenant, string campaignId, IGrainFactory grains) => ChangeAsync(tenant, campaignId, grains, g => g.PauseAsync()))
            .WithName("PauseCampaign").Audited().WithSummary("Stop raising nudges after the page in flight; a finished campaign stays as it is.");
        campaign.MapPost("/resume", (string tenant, string campaignId, IGrainFactory grains) => ChangeAsync(tenant, campaignId, grains, g => g.ResumeAsync()))
            .WithName("ResumeCampaign").Audited().WithSummary("Go on from where a paused campaign stopped.");
        campaign.MapPost("/cancel", (string tenant, string campaignId, IGrainFactory grains) => ChangeAsync(tenant, campaignId, grains, g => g.CancelAsync()))
            .WithName("CancelCampaign").Audited().WithSummary("End the campaign for good; members not reached yet never are.");
        return api;
    }

    private static async Task<Results<Created<CampaignView>, ProblemHttpResult>> CreateAsync(string tenant, HttpRequest request, IGrainFactory grains,
        SegmentStore segments, CampaignIndex index, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync<CampaignRequest>(request);
        if (body is null) return problem!;
        var ct = request.HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(body.Name)) return Problems.BadRequest("'name' is required");
        if (TextFields.Problem("name", body.Name, MaxNameLength) is { } nameProblem) return nameProblem;
        if (!Ids.IsValid(body.SegmentId)) return Problems.BadRequest(Ids.Describe("segmentId"));
        var (script, scriptProblem) = ReadScript(body.Script);
        if (script is null) return scriptProblem!;
        if (body.StartAt is not { } startAt) return Problems.BadRequest("'startAt' is required (ISO 8601)");
        if (body.EndAt is not { } endAt) return Problems.BadRequest("'endAt' is required (ISO 8601)");
        var now = clock.GetUtcNow();
        if (endAt <= startAt) return Problems.BadRequest("'endAt' must be after 'startAt'");
        if (endAt <= now) return Problems.BadRequest("'endAt' must be in the future");
        if (endAt - startAt > MaxWindow) return Problems.BadRequest($"'endAt' must be at most {MaxWindow.TotalDays} days after 'startAt'");
        if (await segments.GetAsync(tenant, body.SegmentId!, ct) is not { } segment)
            return Problems.BadRequest($"'segmentId' names no segment of this tenant: '{body.SegmentId}'");
        var campaignId = "cmp-" + Guid.NewGuid().ToString("N")[..16];
        var spec = new CampaignSpec(body.Name!.Trim(), segment.SegmentId, segment.Version, script, startAt < now ? now : startAt, endAt, "admin");
        await index.AddAsync(tenant, campaignId, ct);
        var view = await grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId)).CreateAsync(spec);
        return TypedResults.Created($"/api/v1/tenants/{tenant}/campaigns/{campaignId}", Response(view, null));
    }

    /// <summary>The script, or a 400 naming its field (<c>script.variants[1].text</c>).</summary>
    private static (CoreScript? Script, ProblemHttpResult? Problem) ReadScript(CampaignScript? s)
    {
        if (s is null) return (null, Problems.BadRequest("'script' is required: {\"title\",\"text\"}"));
        if (TemplateProblem("script.title", s.Title, MaxTitleLength) is { } p1) return (null, p1);
        if (TemplateProblem("script.text", s.Text, MaxTextLength) is { } p2) return (null, p2);
        CoreVariant[]? variants = null;
        if (s.Variants is { } given)
        {
            if (given.Count is 0 or > MaxVariants) return (null, Problems.BadRequest($"'script.variants' must hold 1-{MaxVariants} variants"));
            var ids = new HashSet<string>(StringComparer.Ordinal);
            variants = new CoreVariant[given.Count];
            for (var i = 0; i < given.Count; i++)
            {
                var field = $"script.variants[{i}]";
                if (given[i] is not { } v) return (null, Problems.BadRequest($"'{field}' must be an object {{\"id\",\"title\",\"text\"}}"));
                if (!Ids.IsValid(v.Id)) return (null, Problems.BadRequest(Ids.Describe(field + ".id")));
                if (!ids.Add(v.Id!)) return (null, Problems.BadRequest($"'{field}.id' repeats '{v.Id}'"));
                if (TemplateProblem(field + ".title", v.Title, MaxTitleLength) is { } p3) return (null, p3);
                if (TemplateProblem(field + ".text", v.Text, MaxTextLength) is { } p4) return (null, p4);
                variants[i] = new CoreVariant(v.Id!, v.Title!, v.Text!);
            }
        }
        return (new CoreScript(s.Title!, s.Text!, variants), null);
    }

    /// <summary>A 400 naming <paramref name="field"/> when the text is missing, too long, unstorable or a template with errors.</summary>
    private static ProblemHttpResult? TemplateProblem(string field, string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return Problems.BadRequest($"'{field}' is required");
        if (TextFields.Problem(field, text, maxLength) is { } problem) return problem;
        var errors = new List<string>();
        Template.Parse(text, errors);
        return errors.Count > 0 ? Problems.BadRequest($"'{field}' {string.Join("; ", errors)}") : null;
    }

    private static async Task<Ok<CampaignList>> ListAsync(string tenant, IGrainFactory grains, CampaignIndex index, CancellationToken ct)
    {
        var ids = await index.ListAsync(tenant, MaxListed, ct);
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, id)).GetAsync()));
        return TypedResults.Ok(new CampaignList([.. views.OfType<CampaignRun>().Select(v => Response(v, null))]));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(string tenant, string campaignId, IGrainFactory grains,
        ExecutionReports reports, CancellationToken ct)
    {
        if (!Ids.IsValid(campaignId) || await grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId)).GetAsync() is not { } view)
            return NotFound(campaignId);
        // Nudges count under the day they were raised in the playbook's zone: a day either side of the window covers every zone.
        var from = DateOnly.FromDateTime(view.Spec.StartAt.UtcDateTime).AddDays(-1);
        var to = DateOnly.FromDateTime((view.FinishedAt ?? view.Spec.EndAt).UtcDateTime).AddDays(1);
        if (to.DayNumber - from.DayNumber >= MaxDays) to = from.AddDays(MaxDays - 1);
        var report = await reports.BuildAsync(tenant, from, to, "rule", TimeSpan.FromHours(1), visible: null, scope: "tenant", ct);
        var source = CampaignNudges.Source(campaignId);
        return TypedResults.Ok(Response(view, report.Groups.FirstOrDefault(g => g.Key == source)));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> ChangeAsync(string tenant, string campaignId, IGrainFactory grains,
        Func<ICampaignGrain, Task<CampaignRun?>> change)
    {
        if (!Ids.IsValid(campaignId) || await change(grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId))) is not { } view)
            return NotFound(campaignId);
        return TypedResults.Ok(Response(view, null));
    }

    private static CampaignView Response(CampaignRun v, ExecutionGroup? results) =>
        new(v.CampaignId, v.Spec.Name, v.Spec.SegmentId, v.Spec.SegmentVersion, ScriptOf(v.Spec.Script), v.Spec.StartAt, v.Spec.EndAt, v.Spec.By, v.State,
            v.MembersTotal, v.Reached, v.Raised, v.Held, v.Suppressed, v.Failed, v.CreatedAt, v.FinishedAt, results);

    private static CampaignScript ScriptOf(CoreScript s) =>
        new(s.Title, s.Text, s.Variants?.Select(v => (CampaignVariant?)new CampaignVariant(v.Id, v.Title, v.Text)).ToArray());

    private static ProblemHttpResult NotFound(string campaignId) => Problems.NotFound($"No campaign '{campaignId}' in this tenant");
}
