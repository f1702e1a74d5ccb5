using System.ComponentModel.DataAnnotations;
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
/// An admin works the tenant's pool; a manager the events naming a member of their team or no staff member (filtered
/// in the page's SQL), another team's event being a 404 like any out-of-scope console read; staff get 403.
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

    private static async Task<Results<Ok<PendingEventPage>, ProblemHttpResult>> PageAsync(
        ConsoleUser user, string? state, string? after, [Range(1, MaxPageSize)] int? limit,
        ConsoleScope scope, IdentityPendingPool pool) =>
        !user.IsManager ? Forbidden() : await PendingPageOfAsync(user.Tenant, state, after, limit, pool, await scope.DefaultOwnersAsync(user));

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> GetAsync(ConsoleUser user, string eventId, ConsoleScope scope,
        IdentityPendingPool pool, PendingCandidates candidates)
    {
        if (!user.IsManager) return Forbidden();
        if (!await InScopeAsync(user, eventId, scope, pool)) return NoSuchPending(eventId);
        return await PendingAsync(user.Tenant, eventId, pool, candidates);
    }

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> AttachAsync(ConsoleUser user, string eventId, HttpRequest request,
        ConsoleScope scope, IGrainFactory grains, IdentityPendingPool pool, PendingAttacher attacher)
    {
        if (!user.IsManager) return Forbidden();
        var (body, problem) = await JsonBody.ReadAsync<AttachPendingRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.CustomerId)) return Problems.InvalidId("customerId");
        if (!await InScopeAsync(user, eventId, scope, pool)) return NoSuchPending(eventId);
        var (customer, invisible) = await ConsoleCustomersApi.VisibleAsync(user, body.CustomerId, scope, grains);
        if (customer is null) return invisible!;
        return await AttachToAsync(user.Tenant, eventId, customer.CustomerId, pool, attacher, $"staff:{user.StaffId}");
    }

    private static async Task<Results<Ok<PendingEventView>, ProblemHttpResult>> DismissAsync(ConsoleUser user, string eventId, ConsoleScope scope,
        IdentityPendingPool pool)
    {
        if (!user.IsManager) return Forbidden();
        if (!await InScopeAsync(user, eventId, scope, pool)) return NoSuchPending(eventId);
        return await DismissByAsync(user.Tenant, eventId, pool, $"staff:{user.StaffId}");
    }

    /// <summary>
    /// Whether the event is in the pool and <paramref name="user"/> may work it: an admin any; a manager those naming a
    /// member of their team (<see cref="ConsoleScope.DefaultOwnersAsync"/>) or no staff member. Another team's event
    /// answers 404, as a missing one does, so the pool says nothing of other teams.
    /// </summary>
    private static async Task<bool> InScopeAsync(ConsoleUser user, string eventId, ConsoleScope scope, IdentityPendingPool pool)
    {
        if (await pool.GetAsync(user.Tenant, eventId) is not { } row) return false;
        return row.Event.StaffId is not { } staffId || await scope.DefaultOwnersAsync(user) is not { } owners || owners.Contains(staffId);
    }

    private static ProblemHttpResult Forbidden() => Problems.Forbidden(ApiPhrases.PendingPoolManagersOnly.Say());
}
