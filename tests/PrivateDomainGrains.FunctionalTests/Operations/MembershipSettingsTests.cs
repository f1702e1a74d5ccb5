using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// How fast a crashed node is declared dead is the node's "Orleans:Membership" settings (<c>Host/Hosting/MembershipOptions.cs</c>),
/// which reach Orleans' own membership options and are checked at start-up.
/// </summary>
public sealed class MembershipSettingsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<ClusterMembershipOptions> OrleansMembershipAsync(params string[] settings)
    {
        await using var app = PlatformApp.Create(NodeSettings.Fresh(_database.ConnectionString, "membership").Args(settings));
        return app.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
    }

    [Fact]
    public async Task A_node_probes_every_second_and_votes_after_two_missed_probes_unless_told_otherwise()
    {
        var defaults = await OrleansMembershipAsync();
        Assert.Equal((TimeSpan.FromSeconds(1), 2, 2), (defaults.ProbeTimeout, defaults.NumMissedProbesLimit, defaults.NumVotesForDeathDeclaration));

        var configured = await OrleansMembershipAsync("--Orleans:Membership:ProbeTimeout", "00:00:05", "--Orleans:Membership:NumMissedProbesLimit", "3");
        Assert.Equal((TimeSpan.FromSeconds(5), 3, 2), (configured.ProbeTimeout, configured.NumMissedProbesLimit, configured.NumVotesForDeathDeclaration));
    }

    [Fact]
    public async Task A_membership_setting_out_of_range_stops_the_host_at_start_up_naming_it()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "membership-bad"), "--Orleans:Membership:NumMissedProbesLimit", "1"));
        Assert.Contains("NumMissedProbesLimit", failure.Message);
    }
}
