using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>Readiness and timing during shutdown ("Health" section), validated at start-up.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// How long a stopping node keeps serving while <c>/health/ready</c> already answers 503, before it stops taking
    /// connections: long enough for the load balancer to see it (Kubernetes: a readiness period or two plus endpoint
    /// propagation). 0 (the default, for development) stops at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")] public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long the rest of a stop may take after the drain (web server, consoles, the silo leaving the cluster and its
    /// grains deactivating, those with changes writing a snapshot within <c>Customers:ShutdownSnapshotBudget</c>); the
    /// host's shutdown timeout is <see cref="DrainDelay"/> plus this. At least the snapshot budget plus 10 s
    /// (<see cref="ShutdownBudgetValidation"/>). An orchestrator's grace period must exceed both (deploy/kubernetes/deployment.yaml).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")] public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
