using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>
/// A test-class fixture: its own database, one node, tenant "acme" with staff alice and bob whose WeCom settings are
/// WeCom's sample values, and a WeCom server that signs callbacks for it. Extra nodes of the same cluster on demand.
/// </summary>
public sealed class WeComPlatform : IAsyncLifetime
{
    // WeCom's published sample settings (github.com/sbzhu/weworkapi_python, callback/Sample.py).
    public const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    public const string CorpId = "ww1436e0e65a779aee";
    public const string ClusterId = "wecom";

    private readonly List<PlatformNode> _extraNodes = [];

    /// <summary>Per-key and per-tenant limits out of the way, for tests that drive one node as fast as it goes.</summary>
    public static readonly string[] Unlimited =
    [
        "--RateLimits:PerKeyPerSecond", "1000000", "--RateLimits:PerKeyBurst", "1000000",
        "--RateLimits:PerTenantPerSecond", "1000000", "--RateLimits:PerTenantBurst", "1000000",
    ];

    public TestDatabase Database { get; } = new();
    public PlatformNode Node { get; private set; } = null!;
    public PlatformClient Client { get; private set; } = null!;
    public WeComServer WeCom { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Node = await PlatformNode.StartAsync(NodeSettings.Fresh(Database.ConnectionString, ClusterId));
        Client = new PlatformClient(Node.BaseAddress);
        await Client.ProvisionAsync("acme", "alice", "bob");
        await Client.Api.WeCom.PutSettingsAsync(CorpId, Token, EncodingAesKey);
        WeCom = new WeComServer(Node.BaseAddress, Client.Tenant, Token, EncodingAesKey, CorpId);
    }

    /// <summary>Sends settings as they are (any shape, any key), for what must be refused.</summary>
    public static Task<HttpResponseMessage> PutSettingsAsync(PlatformClient client, object body, string? key = null) =>
        client.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{client.Tenant}/integrations/wecom", body, key ?? client.AdminKey);

    public async Task<ConsoleClient> ConsoleAsync(string staffId) => await ConsoleClient.ConnectAsync(Node.BaseAddress, await Client.ConsoleTokenAsync(staffId));

    /// <summary>Events journaled for a customer of acme.</summary>
    public Task<long> JournaledAsync(string customerId) =>
        Database.ScalarAsync<long>($"SELECT count(*) FROM pdg_event_journal WHERE tenant = 'acme' AND customer_id = '{customerId}'");

    /// <summary>Starts another node of the same cluster on the same database.</summary>
    public async Task<PlatformNode> StartNodeAsync()
    {
        var node = await PlatformNode.StartAsync(NodeSettings.Fresh(Database.ConnectionString, ClusterId));
        _extraNodes.Add(node);
        return node;
    }

    public async Task DisposeAsync()
    {
        WeCom.Dispose();
        Client.Dispose();
        foreach (var node in _extraNodes) await node.DisposeAsync();
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
