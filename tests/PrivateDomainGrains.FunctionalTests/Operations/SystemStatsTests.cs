using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// <c>/api/v1/system/stats</c> and <c>/api/v1/system/cluster</c> as an operator reads them: the node's running totals
/// follow what it was asked to do, the runtime's figures are there, and the cluster lists this node as active.
/// </summary>
public sealed class SystemStatsTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    [Fact]
    public async Task The_node_counts_the_events_it_stored_and_refused_and_the_nudges_raised()
    {
        var api = platform.Client;
        var before = await api.Api.System.GetStatsAsync();
        await api.PostEventsAsync(Events.FriendAdded("stats-1", "stats-qian", "alice"), Events.FriendAdded("stats-2", "stats-zhao", "bob"),
            Events.FriendAdded("stats-3", "stats-sun", "nobody-of-this-tenant"));
        await api.PostEventsAsync(Events.FriendAdded("stats-1", "stats-qian", "alice"));
        var after = await api.Api.System.GetStatsAsync();

        Assert.Equal(before.EventsAcceptedTotal + 2, after.EventsAcceptedTotal);
        Assert.Equal(before.EventsDuplicateTotal + 1, after.EventsDuplicateTotal);
        Assert.Equal(before.EventsRefusedTotal + 1, after.EventsRefusedTotal);
        // The default playbook welcomes every new friend.
        Assert.Equal(before.NudgesRaisedTotal + 2, after.NudgesRaisedTotal);
        Assert.True(after.ActiveCustomerGrains >= 2);
    }

    [Fact]
    public async Task The_runtime_figures_are_the_processs_own()
    {
        var stats = await platform.Client.Api.System.GetStatsAsync();
        Assert.True(stats.ThreadPoolThreads > 0);
        Assert.True(stats.ThreadPoolCompletedTotal > 0);
        Assert.True(stats.AllocatedBytesTotal > 0);
        Assert.True(stats.Gen0Collections >= stats.Gen1Collections && stats.Gen1Collections >= stats.Gen2Collections);
        Assert.True(stats.GcPauseMaxSeconds <= stats.GcPauseSecondsTotal);
        Assert.True(stats.GcPauseMaxRecentSeconds <= stats.GcPauseMaxSeconds);
        Assert.True(stats.ThreadPoolQueueLength >= 0 && stats.GroupCommitQueue >= 0 && stats.SchedulerBacklog >= 0);
    }

    [Fact]
    public async Task A_client_error_is_not_counted_as_a_server_error()
    {
        var api = platform.Client;
        var before = await api.Api.System.GetStatsAsync();
        using var bad = await api.PostEventsRawAsync("{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var after = await api.Api.System.GetStatsAsync();
        Assert.Equal(before.Http5xxTotal, after.Http5xxTotal);
        Assert.Equal(before.Http503Total, after.Http503Total);
    }

    [Fact]
    public async Task The_cluster_lists_this_node_as_active_with_its_residents()
    {
        var api = platform.Client;
        await api.PostEventsAsync(Events.FriendAdded("cluster-1", "cluster-qian", "alice"));
        var stats = await api.Api.System.GetStatsAsync();
        var cluster = await api.Api.System.GetClusterAsync();

        var node = Assert.Single(cluster.Nodes, n => n.Status == "Active");
        Assert.Equal(stats.Node, node.Node);
        Assert.Equal(stats.ActiveCustomerGrains, node.Residents);
        Assert.True(node.Activations >= node.Residents);
        Assert.Equal(0, cluster.WebhookOutboxPending);
    }

    [Fact]
    public async Task Both_routes_refuse_anything_but_the_operator_key()
    {
        var api = platform.Client;
        foreach (var path in new[] { "api/v1/system/stats", "api/v1/system/cluster" })
        {
            using var response = await api.SendAsync(HttpMethod.Get, path, null, api.ApiKey);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
