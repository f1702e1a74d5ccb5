using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/system</c>: the node answering (operator key).</summary>
public sealed class SystemClient
{
    private readonly PlatformHttp _http;

    internal SystemClient(PlatformHttp http) => _http = http;

    /// <summary>This node's memory, CPU time and active customer grains (<c>GetSystemStats</c>).</summary>
    public Task<NodeStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/system/stats", _http.OperatorKey, null, idempotent: true,
            ClientJson.Default.NodeStats, cancellationToken);

    /// <summary>Every node of the cluster with its status, activations and resident customers, and the webhook outbox's depth (<c>GetClusterStats</c>).</summary>
    public Task<ClusterStats> GetClusterAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/system/cluster", _http.OperatorKey, null, idempotent: true,
            ClientJson.Default.ClusterStats, cancellationToken);
}
