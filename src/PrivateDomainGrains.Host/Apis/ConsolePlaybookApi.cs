using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;
using static PrivateDomainGrains.Host.Apis.PlaybookApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The playbook editor's routes (console token of an admin; anyone else gets 403): the routes of
/// <see cref="PlaybookApi"/> for the signed-in admin's tenant. Saves and rollbacks are kept in the history under
/// <c>staff:&lt;id&gt;</c> and audited as the tenant routes are.
/// </summary>
public static class ConsolePlaybookApi
{
    public static RouteGroupBuilder MapConsolePlaybookApi(this RouteGroupBuilder api)
    {
        var playbook = api.MapGroup("/console/playbook").WithTags("Console").RequireConsoleToken()
            .AddEndpointFilter(async (context, next) => ConsoleUser.From(context.HttpContext.User) is { IsAdmin: true }
                ? await next(context) : Problems.Forbidden(ApiPhrases.PlaybookAdminsOnly.Say()))
            .WithProblem(StatusCodes.Status403Forbidden, "The signed-in staff member is not an admin");
        playbook.MapGet("", (ConsoleUser user, IGrainFactory grains) => GetAsync(user.Tenant, grains)).WithName("GetConsolePlaybook")
            .WithSummary("The tenant's current playbook and its version, as GetPlaybook.");
        playbook.MapPut("", PutConsoleAsync).WithName("PutConsolePlaybook")
            .WithSummary("Replace the playbook, as PutPlaybook; the history names the admin who saved it.")
            .Accepts<Playbook>("application/json")
            .WithProblem(StatusCodes.Status400BadRequest, "The playbook is invalid: every error at once in `errors`, keyed by JSON path (`$.rules[0].trigger.event`); nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes");
        playbook.MapGet("/versions", (ConsoleUser user, [Range(1, MaxVersionsListed)] int? limit, IGrainFactory grains, PlaybookVersions history, CancellationToken ct) =>
                ListVersionsAsync(user.Tenant, limit, grains, history, ct))
            .WithName("ListConsolePlaybookVersions").WithSummary("The stored versions, newest first, as ListPlaybookVersions.")
            .WithProblem(StatusCodes.Status400BadRequest, $"'limit' is not 1-{MaxVersionsListed}");
        playbook.MapGet("/versions/{version}", (ConsoleUser user, [Range(1, int.MaxValue)] int version, PlaybookVersions history, CancellationToken ct) =>
                GetVersionAsync(user.Tenant, version, history, ct))
            .WithName("GetConsolePlaybookVersion").WithSummary("One stored version with its playbook, as GetPlaybookVersion.")
            .WithProblem(StatusCodes.Status404NotFound, "The tenant has no such version");
        playbook.MapPost("/versions/{version}/rollback", RollbackConsoleAsync).WithName("RollbackConsolePlaybook")
            .WithSummary("Store that version again as the next version, as RollbackPlaybook.")
            .WithProblem(StatusCodes.Status400BadRequest, "That version no longer validates (errors keyed by JSON path); nothing was stored")
            .WithProblem(StatusCodes.Status404NotFound, "The tenant has no such version");
        playbook.MapPost("/dry-run", (ConsoleUser user, HttpRequest request, IGrainFactory grains) => DryRunAsync(user.Tenant, request, grains))
            .WithName("DryRunConsolePlaybook")
            .WithSummary("What the engine would do for one customer now, as DryRunPlaybook. Nothing is stored or sent.")
            .WithJsonBody<PlaybookDryRunRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "Every problem at once in `errors`, keyed by JSON path in the body (the candidate's as `$.playbook.rules[0]...`)")
            .WithProblem(StatusCodes.Status404NotFound, "Nothing is known about the customer");
        return api;
    }

    private static async Task<Results<Ok<PlaybookStored>, ProblemHttpResult, ValidationProblem>> PutConsoleAsync(
        ConsoleUser user, HttpRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var result = await PutAsync(user.Tenant, Actor(user), request, grains);
        await AuditAsync(audit, user, "PutConsolePlaybook", result, null, request.HttpContext);
        return result;
    }

    private static async Task<Results<Ok<PlaybookStored>, ProblemHttpResult, ValidationProblem>> RollbackConsoleAsync(
        ConsoleUser user, [Range(1, int.MaxValue)] int version, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var result = await RollbackAsync(user.Tenant, version, Actor(user), grains);
        await AuditAsync(audit, user, "RollbackConsolePlaybook", result, JsonSerializer.Serialize(new Dictionary<string, int> { ["version"] = version }), http);
        return result;
    }

    private static string Actor(ConsoleUser user) => $"staff:{user.StaffId}";

    private static Task AuditAsync(AuditTrail audit, ConsoleUser user, string action, IResult result, string? target, HttpContext http) =>
        audit.RecordAsync(new AuditRecord(user.Tenant, Actor(user), action, null, target,
            (result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK,
            http.Connection.RemoteIpAddress?.ToString()));
}
