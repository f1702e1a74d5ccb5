using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Merging two customers who are one person (issue 14), by hand only, and undoing it (integration key, scope
/// <c>customers:write</c>; reading merges <c>customers:read</c>). The customer in the path is the survivor; the absorbed
/// customer's history, tags, identities, counters, open nudges and SOP positions combine into it, and its id redirects
/// to it for reads and later events until the merge is undone.
/// </summary>
public static class CustomerMergesApi
{
    /// <param name="AbsorbedId">The customer to merge into the one in the path; its id redirects there from then on.</param>
    /// <param name="AbsorbedTenant">Optional: the absorbed customer's tenant, when the caller has it; customers of two tenants never merge (409).</param>
    public sealed record MergeRequest(string AbsorbedId, string? AbsorbedTenant = null);

    /// <param name="Survivor">The survivor as it is now: after the merge, or after its undo.</param>
    public sealed record MergeResult(CustomerMergeView Merge, CustomerView Survivor);

    /// <param name="Items">Merges into the customer and out of it, newest first, undone ones included.</param>
    public sealed record MergeList(IReadOnlyList<CustomerMergeView> Items);

    public static RouteGroupBuilder MapCustomerMergesApi(this RouteGroupBuilder api)
    {
        var customer = api.MapGroup("/tenants/{tenant}/customers/{customerId}").WithTags("Customers").RequireIntegrationKey()
            .WithProblem(StatusCodes.Status400BadRequest, "The customer id is not a valid id");
        customer.MapPost("/merge", MergeAsync).WithName("MergeCustomers").Audited()
            .WithSummary("Merge another customer (the same person through another channel) into this one; never automatic.")
            .WithJsonBody<MergeRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "'absorbedId' is missing or not a valid id")
            .WithProblem(StatusCodes.Status404NotFound, "Either customer has no events, owner or tags yet")
            .WithProblem(StatusCodes.Status409Conflict, "A customer into itself, into or from one already merged, across tenants, or erased");
        customer.MapPost("/merges/{mergeId}/undo", UndoAsync).WithName("UndoCustomerMerge").Audited()
            .WithSummary("Undo a merge into this customer: both become exactly what they were, while neither has changed since.")
            .WithProblem(StatusCodes.Status404NotFound, "The customer has no merge with that id")
            .WithProblem(StatusCodes.Status409Conflict, "The customer changed since (the problem says how), or the merge was undone already");
        customer.MapGet("/merges", ListAsync).WithName("ListCustomerMerges")
            .WithSummary("Merges into this customer and out of it, newest first, undone ones included.");
        return api;
    }

    private static async Task<Results<Ok<MergeResult>, ProblemHttpResult>> MergeAsync(string tenant, string customerId, HttpRequest request, IGrainFactory grains)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        var (body, problem) = await JsonBody.ReadAsync<MergeRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.AbsorbedId)) return Problems.InvalidId("absorbedId");
        if (body.AbsorbedTenant is { } other && other != tenant)
            return Problems.Conflict(ApiPhrases.OtherTenantsCustomer.Say(other, tenant));
        var outcome = await Customer(grains, tenant, customerId).MergeAsync(body.AbsorbedId, Actor(request.HttpContext));
        return Result(outcome);
    }

    private static async Task<Results<Ok<MergeResult>, ProblemHttpResult>> UndoAsync(string tenant, string customerId, string mergeId, HttpContext http, IGrainFactory grains)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        if (!Ids.IsValid(mergeId)) return Problems.InvalidId("mergeId");
        return Result(await Customer(grains, tenant, customerId).UndoMergeAsync(mergeId, Actor(http)));
    }

    private static async Task<Results<Ok<MergeList>, ProblemHttpResult>> ListAsync(string tenant, string customerId, CustomerMerges merges)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        return TypedResults.Ok(await ListOfAsync(merges, tenant, customerId));
    }

    /// <summary>The merges into and out of the customer, newest first, undone ones included (also the console's list).</summary>
    internal static async Task<MergeList> ListOfAsync(CustomerMerges merges, string tenant, string customerId) =>
        new([.. (await merges.ListAsync(tenant, customerId)).Select(m => new CustomerMergeView(m.MergeId, m.SurvivorId, m.AbsorbedId, m.MergedAt, m.MergedBy,
            m.AbsorbedSequence, m.MovedIdentities.Count, m.MovedNudges, m.UndoneAt, m.UndoneBy))]);

    private static Results<Ok<MergeResult>, ProblemHttpResult> Result(MergeOutcome outcome) => outcome.Status switch
    {
        MergeStatus.Done => TypedResults.Ok(new MergeResult(outcome.Merge!, outcome.Survivor!)),
        MergeStatus.NotFound => Problems.NotFound(outcome.Problem!),
        _ => Problems.Conflict(outcome.Problem!),
    };

    /// <summary>Who asked, as the audit log names them (the key that opened the route).</summary>
    private static string Actor(HttpContext http) => http.Items[AuditFilter.ActorItem] as string ?? "unknown";

    private static ICustomerGrain Customer(IGrainFactory grains, string tenant, string customerId) =>
        grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customerId));
}
