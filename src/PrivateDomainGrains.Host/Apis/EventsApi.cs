using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tenants/{tenant}/events", IngestAsync)
            .RequireTenantKey(TenantRole.Integration)
            .WithSummary("Post up to 1,000 customer events. Accepted events are durable when this answers.")
            .Produces<EventBatchResponse>();
        return api;
    }

    /// <summary>
    /// 200 with every event's fate (accepted, duplicate, or rejected with its reasons by index); 400 when no event of
    /// the request is valid, keyed by <c>events[i].field</c>; 503 with Retry-After when storage or a node failed
    /// transiently (a retry of the same request is safe: stored events come back as duplicates).
    /// </summary>
    private static async Task<IResult> IngestAsync(string tenant, HttpRequest request, EventIngestion ingestion, TimeProvider time,
        IOptions<IngestionOptions> options, ILogger<EventIngestion> logger)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(request);
        if (document is null) return problem!;
        using (document)
        {
            var (batch, batchProblem) = EventBatchParser.Parse(document, time.GetUtcNow(), options.Value.MaxClockSkew);
            if (batch is null) return Problems.BadRequest(batchProblem!);
            try
            {
                var response = await ingestion.IngestAsync(tenant, batch);
                return response.Accepted + response.Duplicates == 0 && response.Errors.All(e => e.Status == StatusCodes.Status400BadRequest)
                    ? NoValidEvent(response.Errors)
                    : TypedResults.Ok(response);
            }
            catch (Exception ex) when (TransientFailures.Is(ex))
            {
                logger.LogWarning(ex, "Ingesting {Count} events for {Tenant} failed for a transient reason", batch.Total, tenant);
                return Problems.Unavailable("The events could not all be stored. Retry the same request: events already stored are reported as duplicates.");
            }
        }
    }

    private static IResult NoValidEvent(IReadOnlyList<EventError> errors) => Problems.Invalid(
        errors.Count == 1 ? "The event is invalid" : $"None of the {errors.Count} events is valid",
        errors.SelectMany(e => e.Fields.Select(f => (Key: $"events[{e.Index}].{f.Field}", f.Message)))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
