using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Campaigns.CampaignSetUp;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>A campaign whose host dies in the middle resumes on the next start and finishes with exact counts.</summary>
public sealed class CampaignRestartTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_campaign_interrupted_by_killing_its_host_resumes_after_the_restart_and_reaches_every_member_exactly_once()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "campaign-restart");
        using var api = new PlatformClient(settings.BaseAddress);
        string campaignId;
        Dictionary<string, string> owners;
        using (var host = HostProcess.Start(settings, "--Campaigns:PageSize", "20", "--Campaigns:MaxConcurrentReaches", "1"))
        {
            await host.WaitUntilHealthyAsync();
            await TenantAsync(api, "acme", QuietPlaybook);
            owners = await CustomersAsync(api, "r", 300);
            var segment = await EveryoneAsync(api);
            // 15 pages of 20 over 100 s: killed once two pages are saved (about 13 s in), the restart has the rest of the
            // window to come back in even on a busy machine; members still unreached when the window ends would expire.
            campaignId = (await CreateAsync(api, segment.SegmentId, 100)).CampaignId;
            await EventuallyAsync(async () => await api.Api.Campaigns.GetAsync(campaignId) is { Reached: >= 40 } v ? v : null);
            host.Kill();
        }

        using (var host = HostProcess.Start(settings, "--Campaigns:PageSize", "20"))
        {
            await host.WaitUntilHealthyAsync();
            var done = await FinishedAsync(api, campaignId);

            Assert.Equal(("completed", 300L, 300L, 300L, 0L, 0L), (done.State, done.MembersTotal, done.Reached, done.Raised, done.Held, done.Failed));
            var nudges = await CampaignNudgesAsync(_database, "acme", campaignId);
            Assert.Equal(owners.OrderBy(o => o.Key), nudges.Select(n => KeyValuePair.Create(n.CustomerId, n.StaffId)).OrderBy(o => o.Key));
        }
    }
}
