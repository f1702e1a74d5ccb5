using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// The per-key and per-tenant limits hold on the route as routing matched it (paths are matched whatever their case),
/// and are spent only by requests whose key the tenant accepted: a client without a valid key spends only the limit
/// of its address, never the tenant's.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _acme = null!;
    private PlatformClient _beta = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // Five requests at once per key then one a second; twenty per tenant then one a second.
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "rate-limits"),
            "--RateLimits:PerKeyPerSecond", "1", "--RateLimits:PerKeyBurst", "5",
            "--RateLimits:PerTenantPerSecond", "1", "--RateLimits:PerTenantBurst", "20");
        _acme = new PlatformClient(_node.BaseAddress);
        await _acme.ProvisionAsync("acme", "alice");
        _beta = new PlatformClient(_node.BaseAddress);
        await _beta.ProvisionAsync("beta", "bob");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        _beta.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_key_is_limited_on_a_tenant_route_however_its_path_is_cased()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
            answers.Add((await _acme.SendRawAsync(HttpMethod.Get, $"/Api/V1/Tenants/{_acme.Tenant}/staff", null, _acme.AdminKey)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, answers[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.ToString()));
    }

    [Fact]
    public async Task Requests_without_a_valid_key_do_not_spend_the_tenants_limit()
    {
        var path = $"/api/v1/tenants/{_beta.Tenant}/staff";
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _beta.SendRawAsync(HttpMethod.Get, path, null, null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _beta.SendRawAsync(HttpMethod.Get, path, null, "pdg_wrong_" + i)).StatusCode);
        }

        // Eighty refused requests, four times the tenant's burst: its own key is still answered.
        Assert.Equal(HttpStatusCode.OK, (await _beta.SendRawAsync(HttpMethod.Get, path, null, _beta.AdminKey)).StatusCode);
    }
}
