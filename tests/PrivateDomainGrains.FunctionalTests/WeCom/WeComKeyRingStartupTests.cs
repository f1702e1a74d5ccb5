using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>The Data Protection key ring of a cluster that starts from an empty database.</summary>
public sealed class WeComKeyRingStartupTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    [Fact]
    public async Task Nodes_starting_together_on_an_empty_database_share_one_first_key_and_each_reads_what_the_other_stored()
    {
        var nodes = await Task.WhenAll(
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "wecom-keyring")),
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "wecom-keyring")));
        try
        {
            Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_data_protection_keys WHERE xml LIKE '<key %'"));

            using var api = new PlatformClient(nodes[0].BaseAddress);
            await api.ProvisionAsync("acme", "alice");
            await api.Api.WeCom.PutSettingsAsync(WeComPlatform.CorpId, WeComPlatform.Token, WeComPlatform.EncodingAesKey);
            using var weCom = new WeComServer(nodes[1].BaseAddress, "acme", WeComPlatform.Token, WeComPlatform.EncodingAesKey, WeComPlatform.CorpId);

            var response = await weCom.PostAsync(weCom.Sign(weCom.FriendAdded("alice", "wmBothNodes01", DateTimeOffset.UtcNow.ToUnixTimeSeconds())));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    public Task DisposeAsync() => _database.DisposeAsync();
}
