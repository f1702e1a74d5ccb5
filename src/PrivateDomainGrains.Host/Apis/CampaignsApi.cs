using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Campaigns;
using PrivateDomainGrains.Core.Campaigns;
using CampaignRun = PrivateDomainGrains.Abstractions.Campaigns.CampaignView;
using CoreScript = PrivateDomainGrains.Core.Campaigns.CampaignScript;
using CoreVariant = PrivateDomainGrains.Core.Campaigns.CampaignVariant;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Text;
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
    private static readonly DateTimeOffset LatestEnd = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
    /// <param name="EndAt">... until then: after <c>startAt</c> and in the future, at most 31 days after <c>startAt</c>, before 3000-01-01.</param>
    public sealed record CampaignRequest(string? Name, string? SegmentId, CampaignScript? Script, DateTimeOffset? StartAt, DateTimeOffset? EndAt);

    /// <summary>A campaign, its progress and (one campaign) its results.</summary>
    /// <param name="State"><c>running</c> (also while waiting for its window), <c>paused</c>, <c>completed</c>, <c>expired</c> (the window ended first) or <c>cancelled</c>.</param>
    /// <param name="MembersTotal">The segment's count when the campaign's first page was read; 0 before.</param>
    /// <param name="Reached">Members worked so far: <c>raised + held + withdrawn + suppressed + failed</c>.</param>
    /// <param name="Raised">Members whose nudge was raised to the owner, when reached or later (held, then raised when the
    /// contact policy allowed): <c>results.raised</c> as one campaign reads it. A listing and a pause, resume or cancel
    /// answer the counts as the campaign reached its members, without the later raises.</param>
    /// <param name="Held">Members whose nudge the contact policy (caps, quiet hours) still holds: raised later when it allows.</param>
    /// <param name="Withdrawn">Members of a cancelled campaign whose held nudge is withdrawn: never raised.</param>
    /// <param name="Suppressed">Never raised (no owner, a cap of 0, dismissed too often).</param>
    /// <param name="Failed">Customers gone since they were listed, or an error.</param>
    /// <param name="Results">What came of its nudges (<c>shown</c>, <c>done</c>, <c>replies</c>, <c>orders</c>, <c>revenue</c>...), from the execution rollups; null in listings and before any was raised.</param>
    public sealed record CampaignView(string CampaignId, string Name, string SegmentId, int SegmentVersion, CampaignScript Script,
        DateTimeOffset StartAt, DateTimeOffset EndAt, string By, string State, long MembersTotal, long Reached, long Raised, long Held, long Withdrawn,
        long Suppressed, long Failed, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, ExecutionGroup? Results);

    public sealed record CampaignList(IReadOnlyList<CampaignView> Items);

    private const string NotFoundProblem = "No campaign with this id in the tenant";

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/tenants/{tenant}/campaigns").WithTags("Campaigns").RequireAdminKey();
        campaigns.MapPost("", (string tenant, HttpRequest request, IGrainFactory grains, SegmentStore segments, CampaignIndex index, TimeProvider clock) =>
                CreateAsync(tenant, request, grains, segments, index, clock, by: "admin", owners: null))
            .WithName("CreateCampaign").Audited().WithJsonBody<CampaignRequest>()
            .WithSummary("Send one nudge per member of a saved segment to its owner, through the contact policy, paced over a send window.")
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored");
        campaigns.MapGet("", (string tenant, IGrainFactory grains, CampaignIndex index, CancellationToken ct) => ListAsync(tenant, grains, index, visible: null, ct))
            .WithName("ListCampaigns").WithSummary("The tenant's campaigns, newest first (at most 200), with their progress.");
        var campaign = campaigns.MapGroup("/{campaignId}").WithProblem(StatusCodes.Status404NotFound, NotFoundProblem);
        campaign.MapGet("", (string tenant, string campaignId, IGrainFactory grains, ExecutionReports reports, TimeProvider clock, CancellationToken ct) =>
                GetAsync(tenant, campaignId, grains, reports, clock, visible: null, "tenant", ct))
            .WithName("GetCampaign")
            .WithSummary("A campaign: state, members total, raised (later raises of held nudges too), held, withdrawn, suppressed, failed, and its results (reached, done, replies, orders, revenue).");
        campaign.MapPost("/pause", (string tenant, string campaignId, IGrainFactory grains) => ChangeAsync(tenant, campaignId, grains, null, g => g.PauseAsync()))
            .WithName("PauseCampaign").Audited().WithSummary(PauseSummary);
        campaign.MapPost("/resume", (string tenant, string campaignId, IGrainFactory grains) => ChangeAsync(tenant, campaignId, grains, null, g => g.ResumeAsync()))
            .WithName("ResumeCampaign").Audited().WithSummary(ResumeSummary);
        campaign.MapPost("/cancel", (string tenant, string campaignId, IGrainFactory grains) => ChangeAsync(tenant, campaignId, grains, null, g => g.CancelAsync()))
            .WithName("CancelCampaign").Audited().WithSummary(CancelSummary);

        // The console's twin for managers and admins (as the segments' twin): a manager's campaign reaches only the
        // customers of their team (and the unowned, which the policy suppresses), and a manager sees, changes and reads
        // the results of the campaigns their team's managers created; an admin those of the whole tenant. Others answer 404.
        var console = api.MapGroup("/console/campaigns").WithTags("Console").RequireConsoleToken()
            .AddEndpointFilter(ManagersOnlyAsync).WithProblem(StatusCodes.Status403Forbidden, ApiPhrases.CampaignsManagersOnly.English);
        console.MapPost("", async (ConsoleUser user, HttpRequest request, IGrainFactory grains, SegmentStore segments, CampaignIndex index, TimeProvider clock,
                ExecutionReports reports) =>
                await CreateAsync(user.Tenant, request, grains, segments, index, clock, user.StaffId, (await VisibleAsync(user, reports))?.Order(StringComparer.Ordinal).ToArray()))
            .WithName("CreateMyCampaign").Audited().WithJsonBody<CampaignRequest>()
            .WithSummary("CreateCampaign for a manager (reaching the team's customers) or an admin (the tenant's).")
            .WithProblem(StatusCodes.Status400BadRequest, "A field is invalid (the problem names it); nothing was stored");
        console.MapGet("", async (ConsoleUser user, IGrainFactory grains, CampaignIndex index, ExecutionReports reports, CancellationToken ct) =>
                await ListAsync(user.Tenant, grains, index, await VisibleAsync(user, reports), ct))
            .WithName("ListMyCampaigns").WithSummary("ListCampaigns: a manager's team's campaigns, or an admin's tenant's.");
        var mine = console.MapGroup("/{campaignId}").WithProblem(StatusCodes.Status404NotFound, NotFoundProblem);
        mine.MapGet("", async (ConsoleUser user, string campaignId, IGrainFactory grains, ExecutionReports reports, TimeProvider clock, CancellationToken ct) =>
                await GetAsync(user.Tenant, campaignId, grains, reports, clock, await VisibleAsync(user, reports), user.IsAdmin ? "tenant" : "team", ct))
            .WithName("GetMyCampaign").WithSummary("GetCampaign for a manager or admin; the results cover the customers the user may see.");
        mine.MapPost("/pause", async (ConsoleUser user, string campaignId, IGrainFactory grains, ExecutionReports reports) =>
                await ChangeAsync(user.Tenant, campaignId, grains, await VisibleAsync(user, reports), g => g.PauseAsync()))
            .WithName("PauseMyCampaign").Audited().WithSummary(PauseSummary);
        mine.MapPost("/resume", async (ConsoleUser user, string campaignId, IGrainFactory grains, ExecutionReports reports) =>
                await ChangeAsync(user.Tenant, campaignId, grains, await VisibleAsync(user, reports), g => g.ResumeAsync()))
            .WithName("ResumeMyCampaign").Audited().WithSummary(ResumeSummary);
        mine.MapPost("/cancel", async (ConsoleUser user, string campaignId, IGrainFactory grains, ExecutionReports reports) =>
                await ChangeAsync(user.Tenant, campaignId, grains, await VisibleAsync(user, reports), g => g.CancelAsync()))
            .WithName("CancelMyCampaign").Audited().WithSummary(CancelSummary);
        return api;
    }

    private const string PauseSummary = "Stop raising nudges after the page in flight; a finished campaign stays as it is.";
    private const string ResumeSummary = "Go on from where a paused campaign stopped.";
    private const string CancelSummary = "End the campaign for good; members not reached yet never are.";

    /// <summary>Lets managers and admins through; a staff member gets 403 before anything is read.</summary>
    private static async ValueTask<object?> ManagersOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ConsoleUser.From(context.HttpContext.User) is { IsManager: true } ? await next(context) : Problems.Forbidden(ApiPhrases.CampaignsManagersOnly.Say());

    /// <summary>The staff whose customers (and campaigns) the user may see: a manager's team and themself; null for an admin.</summary>
    private static Task<IReadOnlySet<string>?> VisibleAsync(ConsoleUser user, ExecutionReports reports) =>
        reports.VisibleToAsync(user.Tenant, user.StaffId, user.Role, user.Team);

    /// <summary>Whether a user seeing <paramref name="visible"/> (null: all) may see the campaign: one created by one of them.</summary>
    private static bool Sees(IReadOnlySet<string>? visible, CampaignRun campaign) => visible is null || visible.Contains(campaign.Spec.By);

    /// <param name="by">Who creates it: "admin" or the console user.</param>
    /// <param name="owners">Whose customers it may reach; null: the whole tenant.</param>
    private static async Task<Results<Created<CampaignView>, ProblemHttpResult>> CreateAsync(string tenant, HttpRequest request, IGrainFactory grains,
        SegmentStore segments, CampaignIndex index, TimeProvider clock, string by, string[]? owners)
    {
        var (body, problem) = await JsonBody.ReadAsync<CampaignRequest>(request);
        if (body is null) return problem!;
        var ct = request.HttpContext.RequestAborted;
        // Every field is checked, and each one wrong is named in errors, so a form shows all its mistakes at once.
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string? message)
        {
            if (message is not null) errors.TryAdd(field, [message]);
        }
        Error("name", string.IsNullOrWhiteSpace(body.Name) ? ApiPhrases.FieldRequired.Say("name") : TextFields.Error("name", body.Name, MaxNameLength));
        if (!Ids.IsValid(body.SegmentId)) Error("segmentId", Ids.Describe("segmentId"));
        var script = ReadScript(body.Script, Error);
        var now = clock.GetUtcNow();
        if (body.StartAt is null) Error("startAt", ApiPhrases.RequiredIso.Say("startAt"));
        Error("endAt", body.EndAt is not { } end ? ApiPhrases.RequiredIso.Say("endAt")
            : body.StartAt is { } start && end <= start ? ApiPhrases.EndAfterStart.Say()
            : end <= now ? ApiPhrases.FieldInFuture.Say("endAt")
            : body.StartAt is { } from && end - from > MaxWindow ? ApiPhrases.WindowTooLong.Say(MaxWindow.TotalDays)
            // A campaign's results are read over its window widened by a day either side: the calendar's end must stay out of reach.
            : end >= LatestEnd ? ApiPhrases.EndBefore.Say(LatestEnd)
            : null);
        if (errors.Count > 0 || script is null || body.StartAt is not { } startAt || body.EndAt is not { } endAt)
            return Problems.BadRequest(errors, ApiPhrases.CampaignInvalid.Say());
        if (await segments.GetAsync(tenant, body.SegmentId!, ct) is not { } segment)
            return Problems.BadRequest("segmentId", ApiPhrases.NoSuchSegment.Say(body.SegmentId));
        var campaignId = "cmp-" + Guid.NewGuid().ToString("N")[..16];
        var spec = new CampaignSpec(body.Name!.Trim(), segment.SegmentId, segment.Version, script, startAt < now ? now : startAt, endAt, by, owners);
        await index.AddAsync(tenant, campaignId, ct);
        var view = await grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId)).CreateAsync(spec);
        return TypedResults.Created($"/api/v1/tenants/{tenant}/campaigns/{campaignId}", Response(view, null));
    }

    /// <summary>The script, or null with each wrong field told to <paramref name="error"/> (<c>script.variants[1].text</c>).</summary>
    private static CoreScript? ReadScript(CampaignScript? s, Action<string, string?> error)
    {
        if (s is null)
        {
            error("script", ApiPhrases.ScriptRequired.Say());
            return null;
        }
        var valid = Checked("script.title", s.Title, MaxTitleLength, error) & Checked("script.text", s.Text, MaxTextLength, error, multiline: true);
        CoreVariant[]? variants = null;
        if (s.Variants is { } given)
        {
            if (given.Count is 0 or > MaxVariants)
            {
                error("script.variants", ApiPhrases.VariantCount.Say(MaxVariants));
                return null;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            variants = new CoreVariant[given.Count];
            for (var i = 0; i < given.Count; i++)
            {
                var field = $"script.variants[{i}]";
                if (given[i] is not { } v)
                {
                    error(field, ApiPhrases.VariantObject.Say(field));
                    valid = false;
                    continue;
                }
                var idError = !Ids.IsValid(v.Id) ? Ids.Describe(field + ".id") : !ids.Add(v.Id!) ? ApiPhrases.VariantRepeats.Say(field, v.Id) : null;
                error(field + ".id", idError);
                var texts = Checked(field + ".title", v.Title, MaxTitleLength, error) & Checked(field + ".text", v.Text, MaxTextLength, error, multiline: true);
                if (idError is null && texts) variants[i] = new CoreVariant(v.Id!, v.Title!, v.Text!);
                else valid = false;
            }
        }
        return valid ? new CoreScript(s.Title!, s.Text!, variants) : null;
    }

    /// <summary>Whether the text may be sent: not missing, too long, unstorable or a template with errors (each told to <paramref name="error"/>).</summary>
    private static bool Checked(string field, string? text, int maxLength, Action<string, string?> error, bool multiline = false)
    {
        var message = string.IsNullOrWhiteSpace(text) ? ApiPhrases.FieldRequired.Say(field) : TextFields.Error(field, text, maxLength, multiline) ?? TemplateError(field, text);
        error(field, message);
        return message is null;
    }

    private static string? TemplateError(string field, string text)
    {
        var errors = new List<string>();
        Template.Parse(text, errors);
        return errors.Count > 0 ? $"'{field}' {WordedList.Clauses(errors).Say()}" : null;
    }

    private static async Task<Ok<CampaignList>> ListAsync(string tenant, IGrainFactory grains, CampaignIndex index, IReadOnlySet<string>? visible,
        CancellationToken ct)
    {
        var ids = await index.ListAsync(tenant, MaxListed, ct);
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, id)).GetAsync()));
        return TypedResults.Ok(new CampaignList([.. views.OfType<CampaignRun>().Where(v => Sees(visible, v)).Select(v => Response(v, null))]));
    }

    /// <param name="visible">Whose campaigns the caller may see and whose nudges its results count (null: all).</param>
    /// <param name="scope">The report's scope: <c>tenant</c> or <c>team</c>.</param>
    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(string tenant, string campaignId, IGrainFactory grains,
        ExecutionReports reports, TimeProvider clock, IReadOnlySet<string>? visible, string scope, CancellationToken ct)
    {
        if (!Ids.IsValid(campaignId) || await grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId)).GetAsync() is not { } view || !Sees(visible, view))
            return NotFound(campaignId);
        // Nudges count under the day they were raised in the playbook's zone: a day either side of the window covers every
        // zone, and up to today the held nudges raised after it (quiet hours, a cap), whose raises the header counts too.
        var from = DateOnly.FromDateTime(view.Spec.StartAt.UtcDateTime).AddDays(-1);
        var last = view.FinishedAt ?? view.Spec.EndAt;
        var to = DateOnly.FromDateTime((clock.GetUtcNow() > last ? clock.GetUtcNow() : last).UtcDateTime).AddDays(1);
        if (to.DayNumber - from.DayNumber >= MaxDays) to = from.AddDays(MaxDays - 1);
        var report = await reports.BuildAsync(tenant, from, to, "rule", TimeSpan.FromHours(1), visible, scope, ct);
        var source = CampaignNudges.Source(campaignId);
        return TypedResults.Ok(Response(view, report.Groups.FirstOrDefault(g => g.Key == source)));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> ChangeAsync(string tenant, string campaignId, IGrainFactory grains,
        IReadOnlySet<string>? visible, Func<ICampaignGrain, Task<CampaignRun?>> change)
    {
        if (!Ids.IsValid(campaignId)) return NotFound(campaignId);
        var grain = grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId));
        // Another team's campaign reads as a missing one, and stays as it is.
        if (visible is not null && (await grain.GetAsync() is not { } seen || !Sees(visible, seen))) return NotFound(campaignId);
        if (await change(grain) is not { } view) return NotFound(campaignId);
        return TypedResults.Ok(Response(view, null));
    }

    /// <summary>The campaign with its raised, held and withdrawn as <paramref name="results"/> (null: none yet, or not read) settle them.</summary>
    private static CampaignView Response(CampaignRun v, ExecutionGroup? results)
    {
        var counts = CampaignCounts.Of(v.Raised, v.Held, results?.Raised, v.State == CampaignStates.Cancelled);
        return new(v.CampaignId, v.Spec.Name, v.Spec.SegmentId, v.Spec.SegmentVersion, ScriptOf(v.Spec.Script), v.Spec.StartAt, v.Spec.EndAt, v.Spec.By,
            v.State, v.MembersTotal, v.Reached, counts.Raised, counts.Held, counts.Withdrawn, v.Suppressed, v.Failed, v.CreatedAt, v.FinishedAt, results);
    }

    private static CampaignScript ScriptOf(CoreScript s) =>
        new(s.Title, s.Text, s.Variants?.Select(v => (CampaignVariant?)new CampaignVariant(v.Id, v.Title, v.Text)).ToArray());

    private static ProblemHttpResult NotFound(string campaignId) => Problems.NotFound(ApiPhrases.NoCampaign.Say(campaignId));
}
