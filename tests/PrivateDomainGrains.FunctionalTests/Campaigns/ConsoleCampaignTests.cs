using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>
/// Campaigns from the console (<c>/api/v1/console/campaigns</c>, through the SDK's <c>Workbench.Campaigns</c>): a
/// manager's campaign reaches only the team's customers, another team's manager cannot see or change it, bad input is a
/// 400 naming the field with nothing stored, and staff are refused.
/// </summary>
public sealed class ConsoleCampaignTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "console-campaigns"));
        _api = new PlatformClient(_node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<CampaignsClient> ConsoleOfAsync(string staffId) =>
        _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync(staffId)).Workbench.Campaigns;

    [Fact]
    public async Task A_managers_campaign_reaches_the_teams_customers_only_and_another_teams_manager_can_neither_see_nor_change_it()
    {
        await CampaignSetUp.TenantAsync(_api, "cc", CampaignSetUp.QuietPlaybook);
        await _api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await _api.Api.Staff.UpdateAsync("bob", new UpdateStaffRequest(Team: "south"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("sam", PlatformClient.StaffPassword, "Sam", "manager", "south"));
        var owners = await CampaignSetUp.CustomersAsync(_api, "m", 8);
        var segment = await CampaignSetUp.EveryoneAsync(_api);
        var mia = await ConsoleOfAsync("mia");
        var now = DateTimeOffset.UtcNow;

        var created = await mia.CreateAsync(new CampaignRequest("north only", segment.SegmentId, new CampaignScript("Hello {name}", "Hi"), now, now.AddSeconds(3)));
        var done = await CampaignSetUp.FinishedAsync(_api, created.CampaignId);

        Assert.Equal(("completed", "mia", 4L, 4L), (done.State, done.By, done.MembersTotal, done.Raised));
        var nudges = await CampaignSetUp.CampaignNudgesAsync(_database, "cc", created.CampaignId);
        Assert.Equal(owners.Where(o => o.Value == "alice").Select(o => o.Key).Order(), nudges.Select(n => n.CustomerId).Order());
        Assert.Equal(created.CampaignId, Assert.Single(await mia.ListAsync()).CampaignId);
        Assert.Equal(4L, (await EventuallyResultsAsync(mia, created.CampaignId)).Raised);

        var sam = await ConsoleOfAsync("sam");
        Assert.Empty(await sam.ListAsync());
        Assert.Null(await sam.GetAsync(created.CampaignId));
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => sam.CancelAsync(created.CampaignId));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("completed", (await _api.Api.Campaigns.GetAsync(created.CampaignId))!.State);
        // The admin key sees every campaign of the tenant; the tenant's audit log names who did what.
        Assert.Equal(created.CampaignId, Assert.Single(await _api.Api.Campaigns.ListAsync()).CampaignId);
        var audit = (await _api.Api.Audit.ListAsync()).Items;
        Assert.Contains(audit, a => (a.Actor, a.Action, a.Status) == ("staff:mia", "CreateMyCampaign", 201));
        Assert.Contains(audit, a => (a.Actor, a.Action, a.Status, a.Target) == ("staff:sam", "CancelMyCampaign", 404, $$"""{"campaignId":"{{created.CampaignId}}"}"""));
    }

    [Fact]
    public async Task Bad_input_from_the_console_is_a_400_naming_the_field_and_staff_are_refused()
    {
        await CampaignSetUp.TenantAsync(_api, "cb", CampaignSetUp.QuietPlaybook);
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        var segment = await _api.Api.Segments.CreateAsync(new SegmentRequest("everyone", new SegmentFilter(Owners: ["alice"])));
        var mia = await ConsoleOfAsync("mia");
        var now = DateTimeOffset.UtcNow;

        var late = await Assert.ThrowsAsync<PlatformApiException>(() =>
            mia.CreateAsync(new CampaignRequest("n", segment.SegmentId, new CampaignScript("t", "x"), now.AddHours(2), now.AddHours(1))));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("'endAt'", late.Problem!.Errors!["endAt"][0]);
        var placeholder = await Assert.ThrowsAsync<PlatformApiException>(() =>
            mia.CreateAsync(new CampaignRequest("n", segment.SegmentId, new CampaignScript("t", "Hi {nmae}"), now, now.AddHours(1))));
        Assert.Contains("'script.text'", placeholder.Problem!.Errors!["script.text"][0]);
        Assert.Empty(await mia.ListAsync());
        Assert.Empty(await _api.Api.Campaigns.ListAsync());

        var alice = await ConsoleOfAsync("alice");
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.CreateAsync(new CampaignRequest("n", segment.SegmentId, new CampaignScript("t", "x"), now, now.AddHours(1))));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await _api.Api.Campaigns.ListAsync());
    }

    [Fact]
    public async Task A_staff_member_who_may_not_list_campaigns_gets_the_campaigns_name_with_its_nudge_live_replayed_in_the_timeline_and_next_best_action()
    {
        await CampaignSetUp.TenantAsync(_api, "cn", CampaignSetUp.QuietPlaybook);
        await CampaignSetUp.CustomersAsync(_api, "n", 2);
        var segment = await _api.Api.Segments.CreateAsync(new SegmentRequest("alice's", new SegmentFilter(Owners: ["alice"])));
        var token = await _api.ConsoleTokenAsync("alice");
        await using var live = new ConsoleHubClient(_node.BaseAddress, () => Task.FromResult<string?>(token));
        var arrived = new TaskCompletionSource<Nudge>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.OnNudges(nudges =>
        {
            foreach (var nudge in nudges.Where(n => n.CustomerId == "n-0")) arrived.TrySetResult(nudge);
        });
        await live.StartAsync();
        var now = DateTimeOffset.UtcNow;

        var created = await _api.Api.Campaigns.CreateAsync(new CampaignRequest("双十一回访", segment.SegmentId, new CampaignScript("Hello {name}", "Hi"), now, now.AddSeconds(2)));

        var pushed = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(("campaign:" + created.CampaignId, "双十一回访"), (pushed.Source, pushed.CampaignName));
        // alice may not read the campaign: the name comes only with the nudge.
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => _api.Api.WithConsoleToken(token).Workbench.Campaigns.GetAsync(created.CampaignId));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // A console that connects later gets it in the replay of the inbox, which does not store the name.
        await using var later = new ConsoleHubClient(_node.BaseAddress, () => Task.FromResult<string?>(token));
        var replayed = new TaskCompletionSource<Nudge>(TaskCreationOptions.RunContinuationsAsynchronously);
        later.OnNudges(nudges =>
        {
            foreach (var nudge in nudges.Where(n => n.Id == pushed.Id)) replayed.TrySetResult(nudge);
        });
        await later.StartAsync();
        Assert.Equal("双十一回访", (await replayed.Task.WaitAsync(TimeSpan.FromSeconds(15))).CampaignName);

        var timeline = await _api.Api.WithConsoleToken(token).Workbench.ListTimelineAsync("n-0");
        var raised = Assert.Single(timeline.Items, e => e.Kind == "nudge-raised" && e.Id == pushed.Id);
        Assert.Equal(("campaign:" + created.CampaignId, "双十一回访"), (raised.Detail!["source"], raised.Detail["campaignName"]));
        // Entries not of a campaign's nudge carry no name.
        Assert.All(timeline.Items.Where(e => e.Kind != "nudge-raised"), e => Assert.False(e.Detail?.ContainsKey("campaignName") ?? false));
        // The customer's next-best-action is the campaign's nudge, named for the console and the integration key alike.
        Assert.Equal("双十一回访", (await _api.Api.WithConsoleToken(token).Workbench.GetCustomerAsync("n-0"))!.NextBestAction!.CampaignName);
        Assert.Equal("双十一回访", (await _api.Api.Customers.GetAsync("n-0"))!.NextBestAction!.CampaignName);
    }

    private static async Task<ExecutionGroup> EventuallyResultsAsync(CampaignsClient client, string campaignId) =>
        (await CampaignSetUp.EventuallyAsync(async () => await client.GetAsync(campaignId) is { Results.Raised: > 0 } v ? v : null)).Results!;
}
