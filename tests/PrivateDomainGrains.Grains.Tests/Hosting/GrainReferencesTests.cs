using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Grains.Hosting;

namespace PrivateDomainGrains.Grains.Tests.Hosting;

/// <summary>
/// References built from the key alone (<see cref="GrainReferences{TGrain}"/>) are the ones Orleans' <c>GetGrain</c>
/// gives, for less: the push path makes one per staff member per batch of nudges, ingestion one per customer per event.
/// </summary>
public sealed class GrainReferencesTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider();

    [Fact]
    public void A_reference_built_from_the_key_is_the_grain_and_interface_GetGrain_gives_on_first_and_later_calls()
    {
        var staff = Silo.GetRequiredService<GrainReferences<IStaffGrain>>();
        var customers = Silo.GetRequiredService<GrainReferences<ICustomerGrain>>();
        var grains = Silo.GetRequiredService<IGrainFactory>();

        foreach (var (tenant, id) in new[] { ("refs", "alice"), ("refs", "bob"), ("other", "alice") })
        {
            Assert.Equal(Identity(grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, id))), Identity(staff.For(tenant, id)));
            Assert.Equal(Identity(grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id))), Identity(customers.For(tenant, id)));
        }
    }

    [Fact]
    public async Task A_staff_reference_built_from_the_key_reaches_the_staff_grain()
    {
        var staff = Silo.GetRequiredService<GrainReferences<IStaffGrain>>();
        staff.For("refs-call", "first");

        // No such staff member: the staff grain answers so (a reference to another grain type would fail the call).
        Assert.Null(await staff.For("refs-call", "nobody").GetAsync());
    }

    [Fact]
    public void A_reference_built_from_the_key_allocates_less_than_GetGrain_by_interface_name()
    {
        var staff = Silo.GetRequiredService<GrainReferences<IStaffGrain>>();
        var grains = Silo.GetRequiredService<IGrainFactory>();
        var keys = Enumerable.Range(0, 1_000).Select(i => GrainKeys.For("refs-cost", $"staff-{i}")).ToArray();
        staff.For(keys[0]);
        grains.GetGrain<IStaffGrain>(keys[0]);

        var built = Allocated(() => { foreach (var key in keys) staff.For(key); });
        var byName = Allocated(() => { foreach (var key in keys) grains.GetGrain<IStaffGrain>(key); });

        Assert.True(built < byName, $"{built / keys.Length} bytes per reference from the key, {byName / keys.Length} by GetGrain");
    }

    private static (GrainId, GrainInterfaceType) Identity(IAddressable reference) =>
        (reference.GetGrainId(), ((GrainReference)reference).InterfaceType);

    /// <summary>Bytes this thread allocated running <paramref name="work"/> (synchronous: nothing runs on another thread).</summary>
    private static long Allocated(Action work)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
