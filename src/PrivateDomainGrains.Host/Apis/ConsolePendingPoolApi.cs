using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Grains.Identities;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;
using static PrivateDomainGrains.Host.Apis.IdentitiesApi;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The console's pending pool page (issue 14), for managers and admins: the events that named no customer yet, oldest
/// first, each read alone with its candidate customers (<see cref="PendingCandidates"/>: most similar nickname, then most
/// recently active, then owned); attach one to a customer the user may see, or dismiss it. The same pool and rules as
/// the admin key's <c>.../identities/pending</c> routes (<see cref="IdentitiesApi"/>), settled as <c>staff:{id}</c>.
/// </summary>
public static class ConsolePendingPoolApi
{
    public static RouteGroupBuilder MapConsolePendingPoolApi(this RouteGroupBuilder api)
    {
        var pool = api.MapGroup("/console/pool").WithTags("Console").RequireConsoleToken()
            .WithProblem(StatusCodes.Status403Forbidden, "Only managers and admins work the pending pool");
        pool.MapGet("", PageAsync).WithName("ListMyPendingEvents")
            .WithSummary("Events waiting for their customer (or settled: ?state=attached|dismissed), oldest first, paged with ?after=&limit=.")
            .WithProblem(StatusCodes.Status400BadRequest, "'state', 'after' or 'limit' is invalid");
        pool.MapGet("/{eventId}", GetAsync).WithName("GetMyPendingEvent")
            .WithSummary("One event of the pool with, while it is pending and names a nickname, up to 10 candidate customers.")
            .WithProblem(StatusCodes.Status404NotFound, "No such event in the pool");
        pool.MapPost("/{eventId}/attach", AttachAsync).WithName("AttachMyPendingEvent")
            .WithSummary("Attach a pending event to a customer the user may see: it flows in as if it had named that customer.")
            .WithJsonBody<AttachPendingRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "'customerId' is missing or not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "No such event in the pool, or the customer is not among those the user may see")
            .WithProblem(StatusCodes.Status409Conflict, "The event is no longer pending, or its id is another event's");
        pool.MapPost("/{eventId}/dismiss", DismissAsync).WithName("DismissMyPendingEvent")
            .WithSummary("Dismiss a pending event: it reaches no customer and stays listed as dismissed.")
            .WithProblem(StatusCodes.Status404NotFound, "No such event in the pool")
            .WithProblem(StatusCodes.Status409Conflict, "The event is no longer pending");
        return api;
    }

    private static async Task<Results<Ok<PendingEventPage>, ProblemHttpResult>> PageAsync(ConsoleUser user, string? state, string? after, int? limit,
        IdentityPendingPool pool) =>
        !user.IsManager ? Forbidden() : await PendingPageAsync(user.Tenant, state, after, limit, pool);

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> GetAsync(ConsoleUser user, string eventId, IdentityPendingPool pool,
        PendingCandidates candidates) =>
        !user.IsManager ? Forbidden() : await PendingAsync(user.Tenant, eventId, pool, candidates);

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> AttachAsync(ConsoleUser user, string eventId, HttpRequest request,
        ConsoleScope scope, IGrainFactory grains, IdentityPendingPool pool, PendingAttacher attacher)
    {
        if (!user.IsManager) return Forbidden();
        var (body, problem) = await JsonBody.ReadAsync<AttachPendingRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.CustomerId)) return Problems.BadRequest(Ids.Describe("customerId"));
        var (customer, invisible) = await ConsoleCustomersApi.VisibleAsync(user, body.CustomerId, scope, grains);
        if (customer is null) return invisible!;
        return await AttachToAsync(user.Tenant, eventId, customer.CustomerId, pool, attacher, $"staff:{user.StaffId}");
    }

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> DismissAsync(ConsoleUser user, string eventId, IdentityPendingPool pool) =>
        !user.IsManager ? Forbidden() : await DismissByAsync(user.Tenant, eventId, pool, $"staff:{user.StaffId}");

    private static ProblemHttpResult Forbidden() => Problems.Forbidden("Only managers and admins work the pending pool");
}
