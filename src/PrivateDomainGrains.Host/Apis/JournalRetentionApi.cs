using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Host.Retention;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// A tenant's journal retention (admin key): how many days of events its journal keeps, and the progress of the pass
/// that drops older ones (<see cref="JournalRetentionService"/>). Only events a customer's snapshot has folded in are
/// dropped, so customers load with the same counters, tags and tier; their export says what was dropped.
/// </summary>
public static class JournalRetentionApi
{
    public const int MaxDays = 36_500;

    /// <param name="Days">Days of events the journal keeps, by each event's <c>at</c>: 1-36500; null keeps every event. Events older than this are refused when posted.</param>
    public sealed record JournalRetentionRequest([Range(1, MaxDays)] int? Days);

    /// <summary>The current pass (<c>finishedAt</c> null) or the last one.</summary>
    /// <param name="Cutoff">Events before this are dropped.</param>
    /// <param name="Customers">Customers gone through so far (those with a snapshot), in id order.</param>
    /// <param name="Dropped">Events dropped so far.</param>
    public sealed record JournalRetentionPass(DateTimeOffset StartedAt, DateTimeOffset Cutoff, long Customers, long Dropped, DateTimeOffset? FinishedAt);

    /// <param name="Days">Days of events kept; null keeps every event.</param>
    /// <param name="UpdatedAt">When the setting was stored; null when it never was.</param>
    /// <param name="Pass">The current or last pass; null before the first (one starts within Retention:PollInterval once the setting is a few seconds old).</param>
    /// <param name="DroppedTotal">Events dropped by every pass.</param>
    public sealed record JournalRetentionView(int? Days, DateTimeOffset? UpdatedAt, JournalRetentionPass? Pass, long DroppedTotal);

    public static RouteGroupBuilder MapJournalRetentionApi(this RouteGroupBuilder api)
    {
        var retention = api.MapGroup("/tenants/{tenant}/journal-retention").WithTags("JournalRetention").RequireAdminKey().RequireScope(ApiScopes.Admin);
        retention.MapGet("", GetAsync).WithName("GetJournalRetention")
            .WithSummary("How many days of events the tenant's journal keeps, and the progress of the pass dropping older ones.");
        retention.MapPut("", PutAsync).WithName("PutJournalRetention").Audited()
            .WithSummary("Set how many days of events the journal keeps (null: all). Older events a snapshot has folded in are dropped by a background pass; older events posted from now on are refused.")
            .WithJsonBody<JournalRetentionRequest>();
        return api;
    }

    private static async Task<Ok<JournalRetentionView>> GetAsync(string tenant, JournalRetention store, HttpContext http) =>
        TypedResults.Ok(View(await store.GetAsync(tenant, http.RequestAborted)));

    private static async Task<Results<Ok<JournalRetentionView>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string tenant, HttpRequest request, TenantJournalRetention retention)
    {
        var (body, problem) = await JsonBody.ReadAsync<JournalRetentionRequest>(request);
        if (body is null) return problem!;
        if (body.Days is < 1 or > MaxDays)
            return Problems.Invalid(ApiPhrases.RetentionInvalid.Say(), new Dictionary<string, string[]> { ["days"] = [ApiPhrases.RetentionDays.Say(MaxDays)] });
        return TypedResults.Ok(View(await retention.PutAsync(tenant, body.Days, request.HttpContext.RequestAborted)));
    }

    private static JournalRetentionView View(JournalRetentionRow? row) => row is null
        ? new JournalRetentionView(null, null, null, 0)
        : new JournalRetentionView(row.Days, row.UpdatedAt,
            row is { PassStartedAt: { } started, PassCutoff: { } cutoff } ? new JournalRetentionPass(started, cutoff, row.PassCustomers, row.PassDropped, row.PassFinishedAt) : null,
            row.DroppedTotal);
}
