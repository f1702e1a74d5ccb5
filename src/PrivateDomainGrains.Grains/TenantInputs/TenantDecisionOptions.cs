using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.TenantInputs;

/// <summary>How fresh each silo keeps tenants' playbooks and models, and how it forwards learning signals.</summary>
public sealed class TenantDecisionOptions
{
    public const string Section = "Decisions";

    /// <summary>How often a silo checks the versions of the tenants it caches: a new playbook is live everywhere within it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")] public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo forwards buffered learning signals to the tenants' learning grains.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")] public TimeSpan LearningFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Signals a silo holds while learning grains are unreachable; beyond it new signals are dropped (and logged).</summary>
    [Range(1_000, 10_000_000)] public int MaxBufferedSignals { get; set; } = 100_000;
}
