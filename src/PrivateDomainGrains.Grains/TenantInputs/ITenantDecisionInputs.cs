using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Grains.TenantInputs;

/// <summary>
/// The per-silo view of what a tenant's customers decide with: the current compiled playbook and a recent snapshot of
/// the tenant's propensity model. Customer grains ask on every decision, so answers come from memory; a new playbook
/// version reaches every silo within seconds.
/// </summary>
public interface ITenantDecisionInputs
{
    ValueTask<TenantDecisionInputs> GetAsync(string tenant);
}

public sealed record TenantDecisionInputs(CompiledPlaybook Playbook, PropensityModel Model)
{
    /// <summary>The stored playbook version these inputs come from; <see cref="Playbook"/> is the default if it did not compile.</summary>
    public int StoredPlaybookVersion { get; init; } = Playbook.Version;
}
