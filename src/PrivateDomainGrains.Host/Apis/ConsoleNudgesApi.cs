using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Hubs;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The signed-in staff member's actions on their own nudges (console token), as the hub offers them, for clients
/// without a hub connection. Each is idempotent: done twice is done once (the second answers <c>already-closed</c>),
/// and only the call that closed a nudge teaches the model. Another staff member's nudge is answered as a missing one.
/// </summary>
public static class ConsoleNudgesApi
{
    /// <param name="Result">
    /// <c>closed</c> (this call closed it), <c>already-closed</c> (an earlier call or the platform did: success, nothing
    /// changed), or <c>snoozed</c>.
    /// </param>
    public sealed record NudgeActionResult(string NudgeId, string Result);

    /// <param name="Until">When the nudge comes back into the queue: in the future, at most 30 days ahead.</param>
    public sealed record SnoozeRequest(DateTimeOffset Until);

    public static RouteGroupBuilder MapConsoleNudgesApi(this RouteGroupBuilder api)
    {
        var nudge = api.MapGroup("/console/nudges/{nudgeId}").WithTags("Console").RequireConsoleToken()
            .WithProblem(StatusCodes.Status400BadRequest, "The nudge id is not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, UnknownReason);
        nudge.MapPost("/done", (ConsoleUser user, string nudgeId, NudgeActions actions, HttpContext http) => CloseAsync(user, nudgeId, NudgeResponse.Acted, actions, http))
            .WithName("MarkNudgeDone").WithSummary("Done: the staff member did what one of their nudges suggested; closes it and credits the action.");
        nudge.MapPost("/not-useful", (ConsoleUser user, string nudgeId, NudgeActions actions, HttpContext http) => CloseAsync(user, nudgeId, NudgeResponse.Dismissed, actions, http))
            .WithName("MarkNudgeNotUseful").WithSummary("Not useful: closes one of the staff member's nudges and counts against the action.");
        nudge.MapPost("/snooze", SnoozeAsync).WithName("SnoozeNudge")
            .WithSummary("Hide one of the staff member's open nudges until a time (at most 30 days ahead); it comes back by itself. A second snooze replaces the first.")
            .WithJsonBody<SnoozeRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "'until' is missing, past, or more than 30 days ahead");
        return api;
    }

    private const string UnknownReason = "Not an open nudge of this staff member's (never raised, or another's); for done and not-useful, not one of theirs at all";

    private static async Task<Results<Ok<NudgeActionResult>, ProblemHttpResult>> CloseAsync(ConsoleUser user, string nudgeId, NudgeResponse response, NudgeActions actions, HttpContext http)
    {
        var result = await actions.CloseAsync(user.Tenant, user.StaffId, nudgeId, response, http.Connection.RemoteIpAddress?.ToString());
        return result switch
        {
            CloseResults.Invalid => Problems.InvalidId("nudgeId"),
            CloseResults.Unknown => Unknown(nudgeId),
            _ => TypedResults.Ok(new NudgeActionResult(nudgeId, result)),
        };
    }

    private static async Task<Results<Ok<NudgeActionResult>, ProblemHttpResult>> SnoozeAsync(ConsoleUser user, string nudgeId, HttpRequest request, NudgeActions actions)
    {
        if (!Ids.IsValid(nudgeId)) return Problems.InvalidId("nudgeId");
        var (body, problem) = await JsonBody.ReadAsync<SnoozeRequest>(request);
        if (body is null) return problem!;
        var now = DateTimeOffset.UtcNow;
        if (body.Until <= now || body.Until > now + NudgeActions.MaxSnooze)
            return Problems.BadRequest("until", ApiPhrases.SnoozeUntil.Say(NudgeActions.MaxSnooze.TotalDays));
        var result = await actions.SnoozeAsync(user.Tenant, user.StaffId, nudgeId, body.Until, request.HttpContext.Connection.RemoteIpAddress?.ToString());
        return result == MarkResults.Snoozed ? TypedResults.Ok(new NudgeActionResult(nudgeId, result)) : Unknown(nudgeId);
    }

    private static ProblemHttpResult Unknown(string nudgeId) => Problems.NotFound(ApiPhrases.NoOpenNudge.Say(nudgeId));
}
