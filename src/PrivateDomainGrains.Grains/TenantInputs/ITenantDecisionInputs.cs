using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Grains.TenantInputs;

/// <summary>
/// The per-silo view of what a tenant's customers decide with: the current compiled playbook, a recent snapshot of
/// the tenant's propensity model, and who took over from staff who left. Customer grains ask on every decision, so
/// answers come from memory; a change reaches every silo within <see cref="TenantDecisionOptions.RefreshInterval"/>.
/// </summary>
public interface ITenantDecisionInputs
{
    ValueTask<TenantDecisionInputs> GetAsync(string tenant);
}

public sealed record TenantDecisionInputs(CompiledPlaybook Playbook, PropensityModel Model)
{
    /// <summary>Staff who left and their successors: events naming a leaver count as the successor's.</summary>
    public StaffRouting Routing { get; init; } = StaffRouting.None;

    /// <summary>The stored playbook version these inputs come from; <see cref="Playbook"/> is the default if it did not compile.</summary>
    public int StoredPlaybookVersion { get; init; } = Playbook.Version;
}
