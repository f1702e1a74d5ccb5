using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// References to customer grains for the events endpoint, one per customer of every batch. Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> works out the interface's <see cref="GrainInterfaceType"/> from its type name on every
/// call (formatting and parsing the name: 9% of the host's allocations under ingestion load, issue 19's trace); here
/// the grain type and interface type are taken from the first reference and every later reference is built from them
/// and the key alone, which is what Orleans does after that lookup.
/// </summary>
public sealed class CustomerGrainReferences(IGrainFactory grains)
{
    /// <summary>A reference, so that threads racing on the first calls never read half of one.</summary>
    private Types? _types;

    /// <summary>The grain of <paramref name="customerId"/> in <paramref name="tenant"/> (key <see cref="GrainKeys.For"/>).</summary>
    public ICustomerGrain For(string tenant, string customerId)
    {
        var key = GrainKeys.For(tenant, customerId);
        if (_types is { } types) return (ICustomerGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        var reference = grains.GetGrain<ICustomerGrain>(key);
        // Racing first calls each store the same pair.
        _types = new Types(reference.GetGrainId().Type, ((GrainReference)reference).InterfaceType);
        return reference;
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
