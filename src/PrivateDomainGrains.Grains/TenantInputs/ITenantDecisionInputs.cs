using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Tags;

namespace PrivateDomainGrains.Grains.TenantInputs;

/// <summary>
/// The per-silo view of what a tenant's customers decide with: the current compiled playbook, a recent snapshot of
/// the tenant's propensity model, who took over from staff who left, and the exclusive groups of its tag catalog. Customer grains ask on every decision, so
/// answers come from memory; a change reaches every silo within <see cref="TenantDecisionOptions.RefreshInterval"/>.
/// </summary>
public interface ITenantDecisionInputs
{
    ValueTask<TenantDecisionInputs> GetAsync(string tenant);

    /// <summary>
    /// As <see cref="GetAsync"/>, checked against the tenant's grains first: what a save or rollback an instant ago
    /// stored. For the rare caller that must not answer with the previous version (a playbook dry run).
    /// </summary>
    Task<TenantDecisionInputs> GetCurrentAsync(string tenant);
}

public sealed record TenantDecisionInputs(CompiledPlaybook Playbook, PropensityModel Model)
{
    /// <summary>Staff who left and their successors: events naming a leaver count as the successor's.</summary>
    public StaffRouting Routing { get; init; } = StaffRouting.None;

    /// <summary>The stored playbook version these inputs come from; <see cref="Playbook"/> is the default if it did not compile.</summary>
    public int StoredPlaybookVersion { get; init; } = Playbook.Version;

    /// <summary>The exclusive groups of the tenant's tag catalog, enforced wherever a tag is added.</summary>
    public ExclusiveTagGroups ExclusiveTags { get; init; } = ExclusiveTagGroups.None;

    /// <summary>The tag catalog version <see cref="ExclusiveTags"/> comes from (0: never changed).</summary>
    public int TagCatalogVersion { get; init; }
}
