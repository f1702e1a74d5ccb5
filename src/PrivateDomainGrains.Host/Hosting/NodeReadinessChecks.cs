using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>Ready only while this node's silo is an active member of the cluster (not joining, not leaving, not declared dead).</summary>
public sealed class SiloActiveHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The silo is {status} in the cluster"));
    }
}

/// <summary>Not ready from the moment the node starts stopping, so a load balancer sends it nothing new while it drains.</summary>
public sealed class NodeStoppingHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.Stopping
            ? HealthCheckResult.Unhealthy("The node is shutting down")
            : HealthCheckResult.Healthy());
}
