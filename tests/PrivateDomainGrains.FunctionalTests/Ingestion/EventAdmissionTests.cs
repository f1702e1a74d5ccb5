using Microsoft.Extensions.Options;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host.Ingestion;

namespace PrivateDomainGrains.FunctionalTests.Ingestion;

/// <summary>
/// A node takes on a bounded number of events at once, and one tenant a bounded share of them
/// (<see cref="EventAdmission"/>): beyond that a request is refused at once, so an overloaded node answers late for nobody.
/// </summary>
public sealed class EventAdmissionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static EventAdmission Admission(int node, int perTenant) =>
        new(Options.Create(new IngestionOptions { MaxEventsInFlight = node, MaxEventsInFlightPerTenant = perTenant }));

    [Fact]
    public void A_tenant_at_its_share_is_refused_while_another_tenant_is_still_admitted()
    {
        using var admission = Admission(node: 3_000, perTenant: 2_000);
        using var first = admission.TryAdmit("flooding", 1_500, out _);
        Assert.NotNull(first);

        Assert.Null(admission.TryAdmit("flooding", 600, out var refusal));
        Assert.Contains("tenant", refusal);
        using var other = admission.TryAdmit("quiet", 1_000, out _);
        Assert.NotNull(other);
    }

    [Fact]
    public void A_full_node_refuses_every_tenant_until_a_request_is_answered_and_a_refusal_holds_nothing()
    {
        using var admission = Admission(node: 2_000, perTenant: 2_000);
        var first = admission.TryAdmit("a", 1_200, out _);
        Assert.NotNull(first);

        Assert.Null(admission.TryAdmit("b", 900, out var refusal));
        Assert.Contains("node", refusal);
        // The refused request took nothing from b's share or the node's: 800 still fit.
        using (var fits = admission.TryAdmit("b", 800, out _)) Assert.NotNull(fits);

        first!.Dispose();
        using var after = admission.TryAdmit("b", 2_000, out _);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task A_share_per_tenant_larger_than_the_node_stops_the_host_at_start_up_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "admission-bad"),
                "--Ingestion:MaxEventsInFlight", "5000", "--Ingestion:MaxEventsInFlightPerTenant", "6000"));
        Assert.Contains("MaxEventsInFlightPerTenant", failure.Message);
    }
}
