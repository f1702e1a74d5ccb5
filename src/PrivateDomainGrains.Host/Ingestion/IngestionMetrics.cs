using System.Diagnostics.Metrics;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Events through <see cref="EventIngestion"/> (the events API, WeCom callbacks and the demo seeder alike):
/// <c>pdg_events_ingested</c> by <c>tenant</c> and <c>outcome</c> (accepted: stored now; duplicate: its id was stored
/// before) and <c>pdg_events_refused</c> by <c>tenant</c> and <c>reason</c> (invalid: failed validation; unknown-staff:
/// names no staff member of the tenant; conflict: its id is the tenant's for another event (409); failed: storage or a node failed while storing them, and the caller was told so (503 for a transient failure: retry); shed: the node or the tenant's share of it was at capacity (503 at once, nothing stored: see EventAdmission)). Requests
/// refused before ingestion (unknown tenant or key, rate limits) are not events yet: the rate limiter's own meter
/// (<c>aspnetcore.rate_limiting.requests</c>) and the HTTP metrics count those.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "PrivateDomainGrains.Ingestion";

    private static readonly KeyValuePair<string, object?> Accepted = new("outcome", "accepted");
    private static readonly KeyValuePair<string, object?> Duplicate = new("outcome", "duplicate");

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _refused;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ingested = meter.CreateCounter<long>("pdg_events_ingested", "{event}", "Events stored (accepted) or recognised as already stored (duplicate)");
        _refused = meter.CreateCounter<long>("pdg_events_refused", "{event}", "Events not stored, by reason");
    }

    public void Ingested(string tenant, int accepted, int duplicates)
    {
        var tag = new KeyValuePair<string, object?>("tenant", tenant);
        if (accepted > 0) _ingested.Add(accepted, tag, Accepted);
        if (duplicates > 0) _ingested.Add(duplicates, tag, Duplicate);
    }

    /// <param name="reason">invalid, unknown-staff, conflict, failed or shed.</param>
    public void Refused(string tenant, string reason, int events)
    {
        if (events > 0) _refused.Add(events, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("reason", reason));
    }
}
