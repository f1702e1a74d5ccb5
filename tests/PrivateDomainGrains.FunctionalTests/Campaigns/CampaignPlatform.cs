using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>
/// A test-class fixture for campaigns: its own database and one node whose releases read at most 50 members, so a
/// campaign of a few hundred customers takes several pages. No tenant: each test provisions its own with the playbook
/// it needs (<see cref="CampaignSetUp.TenantAsync"/>), so tests of one class share the node but nothing else.
/// </summary>
public sealed class CampaignPlatform() : ConfiguredNodePlatform("campaigns", "--Campaigns:PageSize", "50")
{
    protected override Task SeedAsync(PlatformClient client) => Task.CompletedTask;
}
