using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// The Orleans dashboard under /dashboard when <c>Dashboard:Enabled</c>: the operator's, behind the operator key (a browser
/// asks for it once). Off by default.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "dashboard"), "--Dashboard:Enabled", "true");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.min.js")]
    [InlineData("/dashboard/ClusterStats")]
    [InlineData("/dashboard/GrainStats/PrivateDomainGrains.Grains.Customers.CustomerGrain")]
    public async Task Without_the_operator_key_the_dashboard_asks_a_browser_for_it_and_shows_nothing(string path)
    {
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };

        var anonymous = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, path, Basic("ops", "not-the-operator-key"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, path, new AuthenticationHeaderValue("Bearer", "an-api-or-admin-key-is-not-enough"))).StatusCode);
    }

    [Fact]
    public async Task With_the_operator_key_the_dashboard_serves_its_page_and_the_clusters_figures()
    {
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };
        var key = Basic("ops", NodeSettings.OperatorKey);

        var page = await GetAsync(http, "/dashboard/", key);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        var stats = await GetAsync(http, "/dashboard/ClusterStats", new AuthenticationHeaderValue("Bearer", NodeSettings.OperatorKey));
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.NotEmpty(System.Text.Json.Nodes.JsonNode.Parse(await stats.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task A_node_without_Dashboard_Enabled_serves_no_dashboard()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "no-dashboard"));
        using var http = new HttpClient { BaseAddress = node.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/dashboard/", Basic("ops", NodeSettings.OperatorKey))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/dashboard/ClusterStats", Basic("ops", NodeSettings.OperatorKey))).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string path, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return http.SendAsync(request);
    }
}
