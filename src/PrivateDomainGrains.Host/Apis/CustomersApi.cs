using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>One customer: profile and next-best-action, complete history, owner and tags (integration key).</summary>
public static class CustomersApi
{
    public const int MaxTagsPerRequest = 50;
    public const int MaxPageSize = 500;

    /// <param name="StaffId">The new owner: a staff member of the tenant.</param>
    public sealed record OwnerRequest(string StaffId);

    /// <param name="Tags">1-50 tags of 1-64 printable characters each (trimmed; repeats count once).</param>
    public sealed record TagsRequest(IReadOnlyList<string> Tags);

    /// <param name="Seq">The event's place in the customer's journal; pass the last one as <c>before</c> for the next page.</param>
    public sealed record InteractionItem(long Seq, string EventId, string Type, DateTimeOffset At, string? Channel, string? StaffId, string? Text, IReadOnlyDictionary<string, string>? Data);

    /// <param name="NextBefore">The <c>before</c> of the next (older) page; null on the last page.</param>
    public sealed record InteractionPage(IReadOnlyList<InteractionItem> Items, long? NextBefore);

    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customer = api.MapGroup("/tenants/{tenant}/customers/{customerId}").WithTags("Customers").RequireIntegrationKey()
            .WithProblem(StatusCodes.Status400BadRequest, "The customer id is not a valid id");
        customer.MapGet("", GetAsync).WithName("GetCustomer")
            .WithSummary("Owner, tags, tier, counters, next-best-action (with why) and recent interactions.")
            .WithProblem(StatusCodes.Status404NotFound, UnknownCustomerReason);
        customer.MapGet("/interactions", InteractionsAsync).WithName("ListInteractions")
            .WithSummary("The complete history, newest first, paged with ?before=<seq>&limit=<1-500> (50 by default).")
            .WithProblem(StatusCodes.Status400BadRequest, "'limit' is not 1-500, or 'before' is not a positive sequence number")
            .WithProblem(StatusCodes.Status404NotFound, UnknownCustomerReason);
        customer.MapPut("/owner", AssignOwnerAsync).WithName("AssignOwner").Audited()
            .WithSummary("Hand the customer to another staff member; open nudges move too.")
            .WithJsonBody<OwnerRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "'staffId' is not a staff member of the tenant")
            .WithProblem(StatusCodes.Status404NotFound, UnknownCustomerReason)
            .WithProblem(StatusCodes.Status409Conflict, ErasedCustomerReason);
        customer.MapPost("/tags", AddTagsAsync).WithName("AddTags").Audited()
            .WithSummary("Add tags to the customer (tag rules of the playbook run on them).")
            .WithJsonBody<TagsRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "A tag is invalid, or 'tags' holds two of one exclusive group (the problem names both); nothing changed")
            .WithProblem(StatusCodes.Status404NotFound, UnknownCustomerReason)
            .WithProblem(StatusCodes.Status409Conflict, ErasedCustomerReason);
        customer.MapDelete("/tags", RemoveTagsAsync).WithName("RemoveTags").Audited()
            .WithSummary("Remove tags from the customer.")
            .WithJsonBody<TagsRequest>()
            .WithProblem(StatusCodes.Status404NotFound, UnknownCustomerReason)
            .WithProblem(StatusCodes.Status409Conflict, ErasedCustomerReason);
        return api;
    }

    /// <summary>Customers are created by events (and identity imports that say so), never by an owner or tags.</summary>
    private const string UnknownCustomerReason = "The customer has no events, owner or tags yet: nothing was stored";
    private const string ErasedCustomerReason = "The customer's personal data was erased: nothing about it is stored again (title 'Erased')";

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetAsync(string tenant, string customerId, IGrainFactory grains, CustomerViewCompletion completion)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        var view = await Customer(grains, tenant, customerId).GetAsync();
        return view is null ? UnknownCustomer(customerId) : TypedResults.Ok(await completion.CompleteAsync(tenant, view));
    }

    private static async Task<Results<Ok<InteractionPage>, ProblemHttpResult>> InteractionsAsync(
        string tenant, string customerId, [Range(typeof(long), "1", WholeNumbers.LongMax)] long? before, [Range(1, MaxPageSize)] int? limit,
        IGrainFactory grains, EventJournal journal)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        if (limit is < 1 or > MaxPageSize) return Problems.BadRequest("limit", ApiPhrases.FieldBetween.Say("limit", 1, MaxPageSize));
        if (before is < 1) return Problems.BadRequest("before", ApiPhrases.BeforeSequence.Say());
        // A customer merged into another reads as that one (the view names it), history included.
        if (await Customer(grains, tenant, customerId).GetAsync() is not { } view) return UnknownCustomer(customerId);
        var pageSize = limit ?? 50;
        var rows = await journal.ReadPageAsync(tenant, view.CustomerId, before ?? long.MaxValue, pageSize + 1);
        var items = rows.Take(pageSize).Select(r => new InteractionItem(r.Sequence, r.Event.Id, r.Event.Type, r.Event.At, r.Event.Channel, r.Event.StaffId, r.Event.Text, r.Event.Data)).ToList();
        return TypedResults.Ok(new InteractionPage(items, rows.Count > pageSize ? items[^1].Seq : null));
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> AssignOwnerAsync(string tenant, string customerId, HttpRequest request, IGrainFactory grains)
    {
        if (!Ids.IsValid(customerId)) return Problems.InvalidId("customerId");
        var (body, problem) = await JsonBody.ReadAsync<OwnerRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.StaffId)) return Problems.InvalidId("staffId");
        if (await grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, body.StaffId)).GetAsync() is null)
            return Problems.BadRequest("staffId", ApiPhrases.NoStaffOfTenant.Say(tenant, body.StaffId));
        var view = await Customer(grains, tenant, customerId).AssignOwnerAsync(body.StaffId);
        return view is null ? UnknownCustomer(customerId) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> AddTagsAsync(string tenant, string customerId, HttpRequest request, IGrainFactory grains)
    {
        var (tags, problem) = await ReadTagsAsync(customerId, request);
        if (tags is null) return problem!;
        if (await TagJobsApi.ExclusiveClashAsync(grains, tenant, tags, "tags") is { } clash) return clash;
        var view = await Customer(grains, tenant, customerId).AddTagsAsync(tags);
        return view is null ? UnknownCustomer(customerId) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> RemoveTagsAsync(string tenant, string customerId, HttpRequest request, IGrainFactory grains)
    {
        var (tags, problem) = await ReadTagsAsync(customerId, request);
        if (tags is null) return problem!;
        var view = await Customer(grains, tenant, customerId).RemoveTagsAsync(tags);
        return view is null ? UnknownCustomer(customerId) : TypedResults.Ok(view);
    }

    private static async Task<(string[]? Tags, ProblemHttpResult? Problem)> ReadTagsAsync(string customerId, HttpRequest request)
    {
        if (!Ids.IsValid(customerId)) return (null, Problems.InvalidId("customerId"));
        var (body, problem) = await JsonBody.ReadAsync<TagsRequest>(request);
        if (body is null) return (null, problem);
        if (body.Tags is not { Count: > 0 and <= MaxTagsPerRequest })
            return (null, Problems.BadRequest("tags", ApiPhrases.TagsCount.Say(MaxTagsPerRequest)));
        var tags = body.Tags.Select(TagNames.Normalize).ToArray();
        for (var i = 0; i < tags.Length; i++)
            if (tags[i] is null) return (null, Problems.BadRequest($"tags[{i}]", ApiPhrases.TagField.Say($"tags[{i}]")));
        return (tags.OfType<string>().Distinct(StringComparer.Ordinal).ToArray(), null);
    }

    private static ICustomerGrain Customer(IGrainFactory grains, string tenant, string customerId) =>
        grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customerId));

    private static ProblemHttpResult UnknownCustomer(string customerId) => Problems.NotFound(CustomerPhrases.NotYet.Say(customerId));
}
