using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Ingestion;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>Customer events in: what integrations post, journaled durably before the answer (integration key).</summary>
public static class EventsApi
{
    /// <summary>Up to 1,000 events. Read leniently (<see cref="EventBatchParser"/>): each event is checked on its own.</summary>
    /// <param name="Mode"><c>live</c> (the default) or <c>backfill</c>: history that builds customers (counters, tiers,
    /// relationships, tags) but raises no nudge and starts no SOP, at journal speed. Events arriving longer than the
    /// playbook's <c>contactPolicy.backfillAfter</c> (1 day) after their time are history whatever the mode.</param>
    public sealed record EventBatchRequest(IReadOnlyList<PostedEvent> Events, string? Mode = null);

    /// <summary>One customer event as an integration posts it.</summary>
    /// <param name="Id">Unique per tenant: posting the same event again under its id is a duplicate, never a second event;
    /// the id on another event (another customer's, or another type or time) is a 409 conflict. Build ids from what makes
    /// an event unique in its source, e.g. <c>wecom:{corp}:{external user}:{staff}:{type}:{time}</c>.</param>
    /// <param name="CustomerId">The customer it is about (1-128 letters, digits and <c>-_.:@</c>); may be left out when
    /// <paramref name="Identities"/> name the customer.</param>
    /// <param name="Type"><c>friend.added</c>, <c>friend.deleted</c>, <c>message.received</c>, <c>message.sent</c>,
    /// <c>moment.liked</c>, <c>moment.commented</c>, <c>order.paid</c>, <c>order.refunded</c>, <c>page.viewed</c>,
    /// <c>group.joined</c>, <c>group.left</c>, or a custom <c>x.*</c>.</param>
    /// <param name="At">When it happened (ISO 8601), from 1970 to a few minutes ahead; now when absent.</param>
    /// <param name="StaffId">The staff member involved; must be staff of the tenant (<c>friend.added</c> makes them the owner of a customer without one).</param>
    /// <param name="Data">Extra fields; <c>order.paid</c> takes <c>orderId</c>, <c>amount</c> (up to 10^12, 4 decimals), <c>currency</c>.
    /// Numbers may be sent as JSON numbers too and are kept as their exact text.</param>
    /// <param name="Mode">This event's own <c>live</c> or <c>backfill</c>, over the request's.</param>
    /// <param name="Identities">How the source names the customer, kind to value: <c>unionid</c>, <c>external_userid</c>,
    /// <c>openid:{appId}</c>, <c>phone</c> (any usual spelling; national numbers read in the tenant's region, CN by default),
    /// <c>order</c>, <c>email</c>, <c>nickname</c>. Without <c>customerId</c> the strongest identity a customer holds
    /// decides (that order); none held: the event types the tenant's identity settings name (<c>friend.added</c> by
    /// default) create a customer, other types (and a nickname alone) wait in the pending pool. With <c>customerId</c>, the identities are added to that customer. An identity held by another
    /// customer is a 409 for the event; a bad one a 400 naming <c>identities.{kind}</c>.</param>
    public sealed record PostedEvent(
        string Id, string? CustomerId, string Type, DateTimeOffset? At = null, string? Channel = null, string? StaffId = null,
        string? Text = null, IReadOnlyDictionary<string, string>? Data = null, string? Mode = null,
        IReadOnlyDictionary<string, string>? Identities = null);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/tenants/{tenant}/events").WithTags("Events").RequireIntegrationKey();
        events.MapPost("", IngestAsync).WithName("PostEvents")
            .WithSummary("Post up to 1,000 customer events. Accepted events are durable when this answers; a bad event is refused alone, by index.")
            .WithJsonBody<EventBatchRequest>()
            .WithProblem(StatusCodes.Status400BadRequest, "No event of the request is valid: `errors` keyed by `events[i].field`")
            .WithProblem(StatusCodes.Status503ServiceUnavailable, "Not every event could be stored, or the node is at capacity: send the same request again after Retry-After, stored events come back as duplicates");
        return api;
    }

    /// <summary>
    /// 200 with every event's fate (accepted, duplicate, or rejected with its reasons by index); 400 when no event of
    /// the request is valid, keyed by <c>events[i].field</c>; 503 with Retry-After when storage or a node failed
    /// transiently, or at once, storing nothing, when the node or the tenant's share of it is at capacity
    /// (<see cref="EventAdmission"/>); a retry of the same request is safe: stored events come back as duplicates.
    /// </summary>
    private static async Task<Results<Ok<EventBatchResponse>, ProblemHttpResult, ValidationProblem, RetryLater>> IngestAsync(
        string tenant, HttpRequest request, EventIngestion ingestion, EventAdmission admission, IngestionMetrics metrics, TimeProvider time,
        IOptions<IngestionOptions> options, ILogger<EventIngestion> logger)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(request);
        if (document is null) return problem!;
        using (document)
        {
            var (batch, batchProblem) = EventBatchParser.Parse(document, time.GetUtcNow(), options.Value.MaxClockSkew);
            if (batch is null) return Problems.BadRequest(batchProblem!.Field, batchProblem.ToString());
            using var admitted = admission.TryAdmit(tenant, batch.Total, out var refusal);
            if (admitted is null)
            {
                metrics.Refused(tenant, "shed", batch.Total);
                return Problems.Unavailable(ApiPhrases.ShedRetry.Say(refusal));
            }
            try
            {
                var response = await ingestion.IngestAsync(tenant, batch);
                return response.Accepted + response.Duplicates + response.Pooled.Count == 0 && response.Errors.All(e => e.Status == StatusCodes.Status400BadRequest)
                    ? NoValidEvent(response.Errors)
                    : TypedResults.Ok(response);
            }
            catch (Exception ex) when (TransientFailures.Is(ex))
            {
                logger.LogWarning(ex, "Ingesting {Count} events for {Tenant} failed for a transient reason", batch.Total, tenant);
                return Problems.Unavailable(ApiPhrases.EventsNotStored.Say());
            }
        }
    }

    private static ValidationProblem NoValidEvent(IReadOnlyList<EventError> errors) => Problems.Invalid(
        errors.Count == 1 ? EventPhrases.EventInvalid.Say() : EventPhrases.NoEventValid.Say(errors.Count),
        errors.SelectMany(e => e.Fields.Select(f => (Key: $"events[{e.Index}].{f.Field}", f.Message)))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
