using System.Diagnostics.Metrics;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// This silo's customer figures: <c>pdg_customers_resident</c>, the customer grains active in memory, which is what
/// "resident customers" means for memory sizing.
/// </summary>
public sealed class CustomerMetrics
{
    public const string MeterName = "PrivateDomainGrains.Customers";

    private long _resident;

    public CustomerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("pdg_customers_resident", () => Resident, unit: "{customer}",
            description: "Customer grains active in this silo");
    }

    public long Resident => Interlocked.Read(ref _resident);

    internal void Activated() => Interlocked.Increment(ref _resident);

    internal void Deactivated() => Interlocked.Decrement(ref _resident);
}
