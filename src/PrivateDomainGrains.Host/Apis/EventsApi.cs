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

    private static async Task<IResult> IngestAsync(string tenant, HttpRequest request, EventIngestion ingestion, TimeProvider time, ILogger<EventIngestion> logger)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(request);
        if (document is null) return problem!;
        using (document)
        {
            var (batch, batchProblem) = EventBatchParser.Parse(document, time.GetUtcNow());
            if (batch is null) return Problems.BadRequest(batchProblem!);
            try
            {
                return TypedResults.Ok(await ingestion.IngestAsync(tenant, batch));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Some events may be durable already; a retry of the whole batch is safe because they come back as duplicates.
                logger.LogError(ex, "Ingesting {Count} events for {Tenant} failed", batch.Total, tenant);
                return Problems.Unavailable("The events could not all be stored. Retry the same request: events already stored are reported as duplicates.");
            }
        }
    }
}
