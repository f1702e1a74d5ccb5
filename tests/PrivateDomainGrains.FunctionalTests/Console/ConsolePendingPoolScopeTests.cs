using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// Whose pending events the console's pool routes (<c>/api/v1/console/pool</c>, issue 14) show and settle, over raw HTTP
/// with console tokens against a real node: an admin the tenant's; a manager those naming a member of their team or no
/// staff member, another team's answering 404 as a missing event does; staff 403. Three order events wait in each
/// tenant, in this order: one naming no staff member, one naming bob (team south), one naming alice (team north, mona's).
/// </summary>
public sealed class ConsolePendingPoolScopeTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string NoOne = "ps-1-none", South = "ps-2-south", North = "ps-3-north";

    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Api.Staff.UpdateAsync("bob", new UpdateStaffRequest(Team: "south"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mona", PlatformClient.StaffPassword, "Mona", "manager", "north"));
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("root", PlatformClient.StaffPassword, "Root", Role: "admin"));
        await api.PostEventsAsync(Events.FriendAdded("ps-f", "of-alice", "alice"));
        var pooled = await api.PostEventsAsync(Order(NoOne, null, "7001"), Order(South, "bob", "7002"), Order(North, "alice", "7003"));
        Assert.Equal(3, pooled.Pooled.Count);
        return api;
    }

    private static PostedEvent Order(string id, string? staffId, string phone) =>
        new(id, null, "order.paid", DateTimeOffset.UtcNow.AddMinutes(-5), Channel: "shop", StaffId: staffId,
            Identities: new Dictionary<string, string> { ["phone"] = "+86 137 0013 " + phone },
            Data: new Dictionary<string, string> { ["orderId"] = id, ["amount"] = "88", ["currency"] = "CNY" });

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(PlatformClient api, string staffId, HttpMethod method, string path,
        object? body = null)
    {
        var response = await api.SendAsync(method, "/api/v1/console/pool" + path, body, await api.ConsoleTokenAsync(staffId));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>());
    }

    private static async Task<string[]> AllPagesAsync(PlatformClient api, string staffId, int limit)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var (status, page) = await SendAsync(api, staffId, HttpMethod.Get, $"?limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            Assert.Equal(HttpStatusCode.OK, status);
            var items = page!["items"]!.AsArray().Select(i => (string)i!["eventId"]!).ToList();
            Assert.NotEmpty(items);
            ids.AddRange(items);
            after = (string?)page["nextAfter"];
        } while (after is not null);
        return [.. ids];
    }

    [Fact]
    public async Task A_manager_lists_the_events_of_their_team_and_of_no_one_in_full_pages_and_an_admin_lists_the_tenants()
    {
        using var api = await TenantAsync("ps-list");

        Assert.Equal([NoOne, North], await AllPagesAsync(api, "mona", 1));
        Assert.Equal([NoOne, North], await AllPagesAsync(api, "mona", 50));
        Assert.Equal([NoOne, South, North], await AllPagesAsync(api, "root", 1));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, "alice", HttpMethod.Get, "")).Status);
    }

    [Fact]
    public async Task A_manager_reads_an_event_of_their_team_or_of_no_one_and_another_teams_is_not_found()
    {
        using var api = await TenantAsync("ps-get");

        var (status, north) = await SendAsync(api, "mona", HttpMethod.Get, "/" + North);
        Assert.Equal((HttpStatusCode.OK, "alice"), (status, (string?)north!["staffId"]));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "mona", HttpMethod.Get, "/" + NoOne)).Status);
        var (missing, problem) = await SendAsync(api, "mona", HttpMethod.Get, "/" + South);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.DoesNotContain("7002", problem!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "root", HttpMethod.Get, "/" + South)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, "alice", HttpMethod.Get, "/" + North)).Status);
    }

    [Fact]
    public async Task A_manager_dismisses_an_event_of_their_team_or_of_no_one_and_not_another_teams()
    {
        using var api = await TenantAsync("ps-dismiss");

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api, "mona", HttpMethod.Post, $"/{South}/dismiss")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, "alice", HttpMethod.Post, $"/{North}/dismiss")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "mona", HttpMethod.Post, $"/{North}/dismiss")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "mona", HttpMethod.Post, $"/{NoOne}/dismiss")).Status);

        var settled = new[] { NoOne, South, North }.Select(id => api.Api.Identities.GetPendingAsync(id));
        Assert.Equal([("dismissed", "staff:mona"), ("pending", null), ("dismissed", "staff:mona")],
            (await Task.WhenAll(settled)).Select(e => (e!.State, e.SettledBy)));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "root", HttpMethod.Post, $"/{South}/dismiss")).Status);
    }

    [Fact]
    public async Task A_manager_attaches_an_event_of_their_team_or_of_no_one_and_not_another_teams()
    {
        using var api = await TenantAsync("ps-attach");
        var body = new { customerId = "of-alice" };

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api, "mona", HttpMethod.Post, $"/{South}/attach", body)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, "alice", HttpMethod.Post, $"/{North}/attach", body)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "mona", HttpMethod.Post, $"/{North}/attach", body)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "mona", HttpMethod.Post, $"/{NoOne}/attach", body)).Status);

        var settled = new[] { NoOne, South, North }.Select(id => api.Api.Identities.GetPendingAsync(id));
        Assert.Equal([("attached", "of-alice"), ("pending", null), ("attached", "of-alice")],
            (await Task.WhenAll(settled)).Select(e => (e!.State, e.CustomerId)));
        Assert.Equal(2, (await api.Api.Customers.GetAsync("of-alice"))!.Counters.Orders);
    }
}
