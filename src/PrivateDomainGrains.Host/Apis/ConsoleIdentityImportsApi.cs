using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Identities;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;
using static PrivateDomainGrains.Host.Apis.IdentityImportsApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Identity imports from the console (issue 14), for managers and admins: the same upload, job, progress, row report
/// and cancel as the admin key's <c>.../identity-imports</c> routes (<see cref="IdentityImportsApi"/>), started as the
/// signed-in staff member. An admin's rows may name any known customer of the tenant; a manager's only customers of
/// their team or no one's (<see cref="ConsoleScope.DefaultOwnersAsync"/>, fixed when the import starts), others being
/// refused on <c>customerId</c> as unknown ones are. Only an admin may say the customers may be new
/// (<c>?createCustomers=true</c>). A manager reads and cancels the imports they started, another's being a 404; staff get 403.
/// </summary>
public static class ConsoleIdentityImportsApi
{
    public static RouteGroupBuilder MapConsoleIdentityImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/console/identity-imports").WithTags("Console").RequireConsoleToken()
            .WithProblem(StatusCodes.Status403Forbidden, "Only managers and admins import identities");
        imports.MapPost("", StartAsync).WithName("StartMyIdentityImport").Audited()
            .WithSummary("Import identities of known customers (a manager: their team's) as the signed-in staff member, from an upload streamed as the " +
                "body as StartIdentityImport takes it (text/csv or application/x-ndjson); ?createCustomers=true (admins) also takes customers not known yet.")
            .WithMetadata(new RequestBodyMetadata(typeof(string), "text/csv"), new RequestBodyMetadata(typeof(string), "application/x-ndjson"))
            .WithProblem(StatusCodes.Status400BadRequest, "The upload cannot be read (no header, not UTF-8, no rows): the problem names the line; nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, "The upload holds more than 2,000,000 rows or 256 MiB; nothing was stored")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is neither text/csv nor application/x-ndjson");
        imports.MapGet("/{jobId}", GetAsync).WithName("GetMyIdentityImport")
            .WithSummary("An import's progress, as GetIdentityImport: an admin any of the tenant's, a manager the ones they started.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such import in the tenant (or another manager's)");
        imports.MapPost("/{jobId}/cancel", CancelAsync).WithName("CancelMyIdentityImport").Audited()
            .WithSummary("Stop a running import before its next page, as CancelIdentityImport.")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such import in the tenant (or another manager's)")
            .WithProblem(StatusCodes.Status409Conflict, "The import completed already");
        imports.MapGet("/{jobId}/rows", RowsAsync).WithName("ListMyIdentityImportRows")
            .WithSummary("The import's rows and their results in line order, as ListIdentityImportRows (?state=refused, ?after=<line>&limit=<1-1000>).")
            .WithProblem(StatusCodes.Status400BadRequest, "The job id, 'after', 'limit' or 'state' is invalid")
            .WithProblem(StatusCodes.Status404NotFound, "No such import in the tenant (or another manager's)");
        return api;
    }

    private static async Task<Results<Accepted<IdentityImportAccepted>, ProblemHttpResult>> StartAsync(ConsoleUser user, bool? createCustomers, HttpRequest request,
        ConsoleScope scope, TenantIdentitySettings settings, IdentityImportRows rows, IGrainFactory grains)
    {
        if (!user.IsManager) return Forbidden();
        if (createCustomers == true && !user.IsAdmin) return Problems.Forbidden(ApiPhrases.NewCustomersAdminsOnly.Say());
        var owners = await scope.DefaultOwnersAsync(user);
        return await StartImportAsync(user.Tenant, format => new IdentityImportSpec(format, createCustomers ?? false, user.StaffId, owners),
            "/api/v1/console/identity-imports", request, settings, rows, grains);
    }

    private static async Task<Results<Ok<IdentityImportView>, ProblemHttpResult>> GetAsync(ConsoleUser user, string jobId, IGrainFactory grains) =>
        !user.IsManager ? Forbidden() : await GetImportAsync(user.Tenant, jobId, StartedBy(user), grains);

    private static async Task<Results<Ok<IdentityImportView>, ProblemHttpResult>> CancelAsync(ConsoleUser user, string jobId, IGrainFactory grains) =>
        !user.IsManager ? Forbidden() : await CancelImportAsync(user.Tenant, jobId, StartedBy(user), grains);

    private static async Task<Results<Ok<IdentityImportRowPage>, ProblemHttpResult>> RowsAsync(
        ConsoleUser user, string jobId, [Range(typeof(long), "0", WholeNumbers.LongMax)] long? after, [Range(1, MaxPageSize)] int? limit, string? state,
        IGrainFactory grains, IdentityImportRows rows, CancellationToken ct) =>
        !user.IsManager ? Forbidden() : await RowsOfAsync(user.Tenant, jobId, StartedBy(user), after, limit, state, grains, rows, ct);

    /// <summary>Whose imports the user sees: an admin every import of the tenant (null), a manager their own.</summary>
    private static string? StartedBy(ConsoleUser user) => user.IsAdmin ? null : user.StaffId;

    private static ProblemHttpResult Forbidden() => Problems.Forbidden(ApiPhrases.ImportsManagersOnly.Say());
}
