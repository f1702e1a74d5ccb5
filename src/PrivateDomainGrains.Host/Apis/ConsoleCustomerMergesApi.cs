using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The console's "merge into…" on a customer's page (issue 14): a manager or admin who finds that the customer is
/// someone they already have merges it into that one, as <see cref="CustomerMergesApi"/> does, recorded as theirs
/// (<c>staff:{id}</c>). Both customers must be among those the user may see. The page lists the customer's merges and
/// offers to undo one into it while the undo is possible (the grain says why not: a 409).
/// </summary>
public static class ConsoleCustomerMergesApi
{
    /// <param name="SurvivorId">The customer this one is the same person as: it keeps its id, and this one's id opens it from then on.</param>
    public sealed record MergeIntoRequest(string SurvivorId);

    public static RouteGroupBuilder MapConsoleCustomerMergesApi(this RouteGroupBuilder api)
    {
        var customer = api.MapGroup("/console/customers/{customerId}").WithTags("Console").RequireConsoleToken()
            .WithProblem(StatusCodes.Status400BadRequest, "The customer id is not a valid id");
        customer.MapPost("/merge-into", MergeIntoAsync).WithName("MergeMyCustomerInto")
            .WithSummary("Managers and admins: merge this customer into another one the user may see (the same person through another " +
                "channel); its history, tags, identities, counters, open nudges and SOP positions combine there, and its id opens that customer.")
            .WithJsonBody<MergeIntoRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "'survivorId' is missing or not a valid id")
            .WithProblem(StatusCodes.Status403Forbidden, "Only managers and admins merge customers")
            .WithProblem(StatusCodes.Status404NotFound, "Either customer is not among those this user may see")
            .WithProblem(StatusCodes.Status409Conflict, "Into itself, into or from a customer merged already, or erased");
        customer.MapGet("/merges", ListAsync).WithName("ListMyCustomerMerges")
            .WithSummary("The merges into and out of this customer (an absorbed id: its survivor's), newest first, undone ones included.")
            .WithProblem(StatusCodes.Status404NotFound, "The customer is not among those this user may see");
        customer.MapPost("/merges/{mergeId}/undo", UndoAsync).WithName("UndoMyCustomerMerge")
            .WithSummary("Managers and admins: undo a merge into this customer; both become exactly what they were, while neither has changed since.")
            .WithProblem(StatusCodes.Status400BadRequest, "'mergeId' is not a valid id")
            .WithProblem(StatusCodes.Status403Forbidden, "Only managers and admins undo merges")
            .WithProblem(StatusCodes.Status404NotFound, "The customer is not among those this user may see, or the merge is not into it")
            .WithProblem(StatusCodes.Status409Conflict, "The survivor changed since the merge (the problem says how), an identity it moved was removed, or it was undone already");
        return api;
    }

    private static async Task<Results<Ok<CustomerMergesApi.MergeResult>, ProblemHttpResult>> MergeIntoAsync(ConsoleUser user, string customerId,
        HttpRequest request, ConsoleScope scope, IGrainFactory grains, CustomerViewCompletion completion)
    {
        if (!user.IsManager) return Problems.Forbidden(ApiPhrases.MergeManagersOnly.Say());
        var (body, bodyProblem) = await JsonBody.ReadAsync<MergeIntoRequest>(request);
        if (body is null) return bodyProblem!;
        if (!Ids.IsValid(body.SurvivorId)) return Problems.InvalidId("survivorId");
        var (absorbed, problem) = await ConsoleCustomersApi.VisibleAsync(user, customerId, scope, grains);
        if (absorbed is null) return problem!;
        var (survivor, survivorProblem) = await ConsoleCustomersApi.VisibleAsync(user, body.SurvivorId, scope, grains);
        if (survivor is null) return survivorProblem!;
        // An id merged already reads as its survivor above; the survivor's grain then refuses the merge (409).
        var outcome = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(user.Tenant, body.SurvivorId)).MergeAsync(customerId, $"staff:{user.StaffId}");
        return await AnswerAsync(outcome, user.Tenant, completion);
    }

    private static async Task<Results<Ok<CustomerMergesApi.MergeList>, ProblemHttpResult>> ListAsync(ConsoleUser user, string customerId, ConsoleScope scope,
        IGrainFactory grains, CustomerMerges merges)
    {
        var (view, problem) = await ConsoleCustomersApi.VisibleAsync(user, customerId, scope, grains);
        if (view is null) return problem!;
        return TypedResults.Ok(await CustomerMergesApi.ListOfAsync(merges, user.Tenant, view.CustomerId));
    }

    private static async Task<Results<Ok<CustomerMergesApi.MergeResult>, ProblemHttpResult>> UndoAsync(ConsoleUser user, string customerId, string mergeId,
        ConsoleScope scope, IGrainFactory grains, CustomerViewCompletion completion)
    {
        if (!user.IsManager) return Problems.Forbidden(ApiPhrases.UndoMergeManagersOnly.Say());
        if (!Ids.IsValid(mergeId)) return Problems.InvalidId("mergeId");
        var (view, problem) = await ConsoleCustomersApi.VisibleAsync(user, customerId, scope, grains);
        if (view is null) return problem!;
        var outcome = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(user.Tenant, view.CustomerId)).UndoMergeAsync(mergeId, $"staff:{user.StaffId}");
        return await AnswerAsync(outcome, user.Tenant, completion);
    }

    /// <summary>A merge's or an undo's answer: the merge and the survivor with its phones, or the grain's 404 or 409.</summary>
    private static async Task<Results<Ok<CustomerMergesApi.MergeResult>, ProblemHttpResult>> AnswerAsync(MergeOutcome outcome, string tenant, CustomerViewCompletion completion) =>
        outcome.Status switch
        {
            MergeStatus.Done => TypedResults.Ok(new CustomerMergesApi.MergeResult(outcome.Merge!, await completion.CompleteAsync(tenant, outcome.Survivor!))),
            MergeStatus.NotFound => Problems.NotFound(outcome.Problem!),
            _ => Problems.Conflict(outcome.Problem!),
        };
}
