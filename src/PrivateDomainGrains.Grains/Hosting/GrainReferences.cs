using PrivateDomainGrains.Abstractions;

namespace PrivateDomainGrains.Grains.Hosting;

/// <summary>
/// References to the grains of <typeparamref name="TGrain"/> by tenant-scoped key, for the paths that make one per event,
/// nudge or wake (the events endpoint's customers, the push path's staff members, the scheduler's customers). Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> works out the interface's <see cref="GrainInterfaceType"/> and grain type from the
/// interface's name on every call (formatting and parsing the name: 9% of the host's allocations under ingestion load,
/// issue 19's trace); here both are taken from the first reference and every later one is built from them and the key
/// alone, which is what Orleans does after that lookup. One per interface, a singleton (<c>AddPlatformGrains</c>).
/// </summary>
public sealed class GrainReferences<TGrain>(IGrainFactory grains) where TGrain : IGrainWithStringKey
{
    /// <summary>A reference, so that threads racing on the first calls never read half of one.</summary>
    private Types? _types;

    /// <summary>The grain of <paramref name="id"/> in <paramref name="tenant"/> (key <see cref="GrainKeys.For"/>).</summary>
    public TGrain For(string tenant, string id) => For(GrainKeys.For(tenant, id));

    /// <summary>The grain of a tenant-scoped <paramref name="key"/>, as <c>GetGrain&lt;TGrain&gt;(key)</c> gives it.</summary>
    public TGrain For(string key)
    {
        if (_types is { } types) return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        var reference = grains.GetGrain<TGrain>(key);
        // Racing first calls each store the same pair.
        _types = new Types(reference.GetGrainId().Type, ((GrainReference)(object)reference).InterfaceType);
        return reference;
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
