using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Host.Apis.OpenApi;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The tenant's playbook: the rules every customer's next-best-action is decided by; its version history with
/// rollback; and the dry run that shows what the engine would do for one customer with it, storing nothing.
/// <see cref="ConsolePlaybookApi"/> offers the same to the console's admins.
/// </summary>
public static class PlaybookApi
{
    /// <param name="Version">0 is the built-in default (welcome, reply, lost-friend alert) until the first PUT.</param>
    /// <param name="UpdatedAt">When it was stored; null for the default.</param>
    /// <param name="Playbook">The playbook as stored (camelCase, nulls left out), in the shape <c>PutPlaybook</c> takes.</param>
    public sealed record PlaybookResponse(int Version, DateTimeOffset? UpdatedAt, [property: SchemaOf(typeof(Playbook))] JsonElement Playbook);

    public sealed record PlaybookStored(int Version);

    /// <param name="Current">The version every customer decides with now (0: the built-in default, never in the history).</param>
    /// <param name="Versions">Newest first.</param>
    public sealed record PlaybookVersionList(int Current, IReadOnlyList<PlaybookVersionSummary> Versions);

    /// <param name="StoredBy">Who stored it, as the audit log names actors (<c>admin-key</c>, <c>staff:alice</c>...); null when not known.</param>
    /// <param name="RestoredFrom">The version a rollback copied; null for a playbook sent as such.</param>
    public sealed record PlaybookVersionSummary(int Version, DateTimeOffset StoredAt, string? StoredBy, int? RestoredFrom);

    /// <param name="Playbook">The playbook exactly as that version was stored.</param>
    public sealed record PlaybookVersionResponse(int Version, DateTimeOffset StoredAt, string? StoredBy, int? RestoredFrom,
        [property: SchemaOf(typeof(Playbook))] JsonElement Playbook);

    /// <summary>A dry run: what the engine would do for <see cref="CustomerId"/> now.</summary>
    /// <param name="Playbook">A candidate playbook (the shape <c>PutPlaybook</c> takes); absent or null: the current one.</param>
    /// <param name="Event">An event to decide on as if it arrived now; absent: whatever timers and SOP steps are due now.</param>
    public sealed record PlaybookDryRunRequest(string? CustomerId, [property: SchemaOf(typeof(Playbook))] JsonElement? Playbook, DryRunEvent? Event);

    /// <summary>The event of a dry run, as <c>PostEvents</c> takes one, without id and customer (the server fills them).</summary>
    /// <param name="At">When it happened; absent: now.</param>
    public sealed record DryRunEvent(string Type, DateTimeOffset? At, string? Channel, string? StaffId, string? Text, Dictionary<string, string>? Data);

    public const int MaxVersionsListed = 500;

    private const string InvalidPlaybook = "The playbook is invalid: every error at once in `errors`, keyed by JSON path (`$.rules[0].trigger.event`); nothing was stored";
    private const string InvalidDryRun = "Every problem at once in `errors`, keyed by JSON path in the body: `$.customerId`, `$.event.type`, the candidate's as `$.playbook.rules[0].trigger.event`";

    public static RouteGroupBuilder MapPlaybookApi(this RouteGroupBuilder api)
    {
        var playbook = api.MapGroup("/tenants/{tenant}/playbook").WithTags("Playbook");
        playbook.MapGet("", GetAsync).WithName("GetPlaybook").RequireIntegrationKey()
            .WithSummary("The tenant's current playbook and its version; version 0 is the built-in default.");
        // Accepts (not WithJsonBody): this route has always answered 415 to a body that is not application/json.
        playbook.MapPut("", (string tenant, HttpRequest request, IGrainFactory grains) => PutAsync(tenant, Actor(request.HttpContext), request, grains))
            .WithName("PutPlaybook").Audited().RequireAdminKey()
            .WithSummary("Replace the playbook. The server sets version and tenantId; every silo uses it within seconds. The previous version stays in the history.")
            .Accepts<Playbook>("application/json")
            .WithProblem(StatusCodes.Status400BadRequest, InvalidPlaybook)
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json");
        playbook.MapGet("/versions", (string tenant, [Range(1, MaxVersionsListed)] int? limit, IGrainFactory grains, PlaybookVersions history, CancellationToken ct) =>
                ListVersionsAsync(tenant, limit, grains, history, ct))
            .WithName("ListPlaybookVersions").RequireAdminKey()
            .WithSummary($"The versions stored, newest first, with who stored each and when; ?limit=1-{MaxVersionsListed} (100).")
            .WithProblem(StatusCodes.Status400BadRequest, $"'limit' is not 1-{MaxVersionsListed}");
        playbook.MapGet("/versions/{version}", (string tenant, [Range(1, int.MaxValue)] int version, PlaybookVersions history, CancellationToken ct) =>
                GetVersionAsync(tenant, version, history, ct))
            .WithName("GetPlaybookVersion").RequireAdminKey()
            .WithSummary("One stored version with its playbook, exactly as it was stored.")
            .WithProblem(StatusCodes.Status404NotFound, "The tenant has no such version");
        playbook.MapPost("/versions/{version}/rollback", (string tenant, [Range(1, int.MaxValue)] int version, HttpContext http, IGrainFactory grains) =>
                RollbackAsync(tenant, version, Actor(http), grains))
            .WithName("RollbackPlaybook").Audited().RequireAdminKey()
            .WithSummary("Store that version's playbook again, exactly, as the next version (which names the version it restored); version 0 stores the built-in default's content.")
            .WithProblem(StatusCodes.Status400BadRequest, "That version no longer validates (errors keyed by JSON path); nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, "The tenant has no such version");
        playbook.MapPost("/dry-run", (string tenant, HttpRequest request, IGrainFactory grains) => DryRunAsync(tenant, request, grains))
            .WithName("DryRunPlaybook").RequireAdminKey()
            .WithSummary("What the engine would do for one customer now, with a candidate playbook or the current one, on an event or on what is due: tags, fields, tier, SOP moves, every nudge with its score and verdict (raised, held or suppressed by the contact policy, with the reason). Nothing is stored or sent.")
            .WithJsonBody<PlaybookDryRunRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, InvalidDryRun)
            .WithProblem(StatusCodes.Status404NotFound, "Nothing is known about the customer");
        return api;
    }

    private static string Actor(HttpContext http) => http.Items[AuditFilter.ActorItem] as string ?? "unknown";

    internal static async Task<Ok<PlaybookResponse>> GetAsync(string tenant, IGrainFactory grains)
    {
        var document = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync();
        using var playbook = JsonDocument.Parse(document.Json);
        return TypedResults.Ok(new PlaybookResponse(document.Version, document.UpdatedAt, playbook.RootElement.Clone()));
    }

    /// <param name="actor">Who stores it, for the history: the audit log's actor.</param>
    internal static async Task<Results<Ok<PlaybookStored>, ProblemHttpResult, ValidationProblem>> PutAsync(string tenant, string actor, HttpRequest request, IGrainFactory grains)
    {
        if (request.ContentLength > ApiHostingExtensions.MaxRequestBodyBytes)
            return Problems.TooLarge(ApiPhrases.BodyTooLarge.Say(request.ContentLength, ApiHostingExtensions.MaxRequestBodyBytes));
        string json;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(ApiPhrases.BodyExceeds.Say(ApiHostingExtensions.MaxRequestBodyBytes));
        }

        // The grain validates (malformed JSON included) so that the rules live in one place: the engine's validator.
        var result = await grains.GetGrain<ITenantPlaybookGrain>(tenant).PutAsync(json, actor);
        if (result.Accepted) return TypedResults.Ok(new PlaybookStored(result.Version!.Value));
        return Refused(ApiPhrases.PlaybookErrors.Say(result.Errors.Length), result.Errors);
    }

    internal static async Task<Results<Ok<PlaybookVersionList>, ProblemHttpResult>> ListVersionsAsync(
        string tenant, int? limit, IGrainFactory grains, PlaybookVersions history, CancellationToken ct)
    {
        if (limit is < 1 or > MaxVersionsListed) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxVersionsListed));
        var current = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetVersionAsync();
        var rows = await history.ListAsync(tenant, current, limit ?? 100, ct);
        return TypedResults.Ok(new PlaybookVersionList(current, [.. rows.Select(r => new PlaybookVersionSummary(r.Version, r.StoredAt, r.StoredBy, r.RestoredFrom))]));
    }

    internal static async Task<Results<Ok<PlaybookVersionResponse>, ProblemHttpResult>> GetVersionAsync(string tenant, int version, PlaybookVersions history, CancellationToken ct)
    {
        if (await history.GetAsync(tenant, version, ct) is not { } stored) return Problems.NotFound(ApiPhrases.NoVersion.Say(tenant, version));
        using var playbook = JsonDocument.Parse(stored.Json);
        return TypedResults.Ok(new PlaybookVersionResponse(stored.Row.Version, stored.Row.StoredAt, stored.Row.StoredBy, stored.Row.RestoredFrom, playbook.RootElement.Clone()));
    }

    internal static async Task<Results<Ok<PlaybookStored>, ProblemHttpResult, ValidationProblem>> RollbackAsync(string tenant, int version, string actor, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ITenantPlaybookGrain>(tenant).RollbackAsync(version, actor);
        if (result is null) return Problems.NotFound(ApiPhrases.NoVersion.Say(tenant, version));
        if (result.Accepted) return TypedResults.Ok(new PlaybookStored(result.Version!.Value));
        return Refused(ApiPhrases.VersionErrors.Say(version, result.Errors.Length), result.Errors);
    }

    internal static async Task<Results<Ok<DryRunDecision>, ProblemHttpResult, ValidationProblem>> DryRunAsync(string tenant, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<PlaybookDryRunRequest>(request);
        if (body is null) return problem!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Ids.IsValid(body.CustomerId)) errors["$.customerId"] = [Ids.Rule];
        CustomerEvent? e = null;
        if (body.Event is { } given)
        {
            var now = DateTimeOffset.UtcNow;
            e = new CustomerEvent("dry-run", body.CustomerId ?? "", given.Type ?? "", given.At ?? now, given.Channel, given.StaffId, given.Text, given.Data) { AtOnArrival = given.At is null };
            // Checked as POST /events checks it (the contract, then the tenant's staff), so a dry run never shows a
            // decision on an event the real API would refuse.
            foreach (var error in EventValidator.Validate(e, now).Where(f => f.Field != "customerId"))
                errors["$.event." + error.Field] = [error.Message];
            if (errors.Count == 0)
                foreach (var error in (await EventIngestion.UnknownStaffAsync(grains, tenant, [e])).Values)
                    errors["$.event." + error.Field] = [error.Message];
        }
        if (body.Playbook is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) errors["$.playbook"] = [ApiPhrases.PlaybookObject.Say()];
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.DryRunErrors.Say(errors.Count), errors);

        var candidate = body.Playbook is { ValueKind: JsonValueKind.Object } playbook ? playbook.GetRawText() : null;
        var run = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, body.CustomerId!)).DryRunAsync(candidate, e);
        if (run is null) return Problems.NotFound(ApiPhrases.UnknownCustomer.Say(body.CustomerId));
        if (run.Decision is { } decision) return TypedResults.Ok(decision);
        // The candidate's errors keep the paths a PUT reports, under the body's "playbook".
        return Refused(ApiPhrases.CandidateErrors.Say(run.Errors.Length), run.Errors, prefix: "$.playbook");
    }

    private static ValidationProblem Refused(string detail, PlaybookValidationError[] errors, string prefix = "") =>
        Problems.Invalid(detail, errors.GroupBy(e => prefix.Length == 0 ? e.Path : prefix + e.Path.TrimStart('$'), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
}
