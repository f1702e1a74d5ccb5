using System.Diagnostics.Metrics;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// This silo's customer figures: <c>pdg_customers_resident</c>, the customer grains active in memory, which is what
/// "resident customers" means for memory sizing; <c>pdg_customer_activations</c>, customers brought into memory (their
/// rate is the load on group read); <c>pdg_nudges_raised</c>, nudges committed for the first time, by <c>tenant</c>
/// (a replay after a crash re-decides the same ids and counts none of them again); <c>pdg_nudges_closed</c>, nudges that
/// left the open set, by <c>tenant</c> and <c>how</c> (<see cref="NudgeClosings"/>: done and not-useful from a console,
/// done-by-action, obsolete and expired from the customer's own lifecycle; holdout decisions are never open).
/// </summary>
public sealed class CustomerMetrics
{
    public const string MeterName = "PrivateDomainGrains.Customers";

    private readonly Counter<long> _activations;
    private readonly Counter<long> _raised;
    private readonly Counter<long> _closed;
    private long _resident;

    public CustomerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("pdg_customers_resident", () => Resident, unit: "{customer}",
            description: "Customer grains active in this silo");
        _activations = meter.CreateCounter<long>("pdg_customer_activations", "{customer}", "Customer grains activated in this silo");
        _raised = meter.CreateCounter<long>("pdg_nudges_raised", "{nudge}", "Nudges committed for the first time, by tenant");
        _closed = meter.CreateCounter<long>("pdg_nudges_closed", "{nudge}", "Nudges closed, by tenant and how");
    }

    public long Resident => Interlocked.Read(ref _resident);

    internal void Activated()
    {
        Interlocked.Increment(ref _resident);
        _activations.Add(1);
    }

    internal void Deactivated() => Interlocked.Decrement(ref _resident);

    internal void Raised(string tenant, List<NudgeRow> fresh)
    {
        if (fresh.Count > 0) _raised.Add(fresh.Count, new KeyValuePair<string, object?>("tenant", tenant));
    }

    /// <summary>Nudges that this call closed (an earlier close of the same nudge is not counted again).</summary>
    /// <param name="how">One of <see cref="NudgeClosings"/>.</param>
    public void Closed(string tenant, string how, int count = 1)
    {
        if (count > 0) _closed.Add(count, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("how", how));
    }
}
