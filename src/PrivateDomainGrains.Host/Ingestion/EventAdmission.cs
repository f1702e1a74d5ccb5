using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Load shedding at the door: a node takes on at most <see cref="IngestionOptions.MaxEventsInFlight"/> events at once
/// (and one tenant <see cref="IngestionOptions.MaxEventsInFlightPerTenant"/>), one permit per event, held until the
/// request is answered. Beyond that a request is refused at once (the caller retries after Retry-After) instead of
/// queueing: an unbounded queue made every answer late, past the callers' and Orleans' 30 s timeouts, so work was
/// done for requests already given up and acknowledged throughput collapsed to nothing. Concurrency limiters from
/// System.Threading.RateLimiting, with no queue.
/// </summary>
public sealed class EventAdmission(IOptions<IngestionOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _node = new(new ConcurrencyLimiterOptions { PermitLimit = options.Value.MaxEventsInFlight, QueueLimit = 0 });

    private readonly PartitionedRateLimiter<string> _tenants = PartitionedRateLimiter.Create<string, string>(tenant =>
        RateLimitPartition.GetConcurrencyLimiter(tenant, _ => new ConcurrencyLimiterOptions { PermitLimit = options.Value.MaxEventsInFlightPerTenant, QueueLimit = 0 }));

    /// <summary>
    /// Permits for <paramref name="events"/> events of <paramref name="tenant"/>; dispose the lease when the request is
    /// answered. Null when the tenant's share or the node is full (<paramref name="refusal"/> says which, for the 503).
    /// </summary>
    public IDisposable? TryAdmit(string tenant, int events, out string? refusal)
    {
        var tenantLease = _tenants.AttemptAcquire(tenant, events);
        if (!tenantLease.IsAcquired)
        {
            tenantLease.Dispose();
            refusal = ApiPhrases.TenantInFlight.Say(options.Value.MaxEventsInFlightPerTenant);
            return null;
        }
        var nodeLease = _node.AttemptAcquire(events);
        if (!nodeLease.IsAcquired)
        {
            nodeLease.Dispose();
            tenantLease.Dispose();
            refusal = ApiPhrases.NodeInFlight.Say(options.Value.MaxEventsInFlight);
            return null;
        }
        refusal = null;
        return new Leases(tenantLease, nodeLease);
    }

    public void Dispose()
    {
        _node.Dispose();
        _tenants.Dispose();
    }

    private sealed class Leases(RateLimitLease tenant, RateLimitLease node) : IDisposable
    {
        public void Dispose()
        {
            node.Dispose();
            tenant.Dispose();
        }
    }
}
