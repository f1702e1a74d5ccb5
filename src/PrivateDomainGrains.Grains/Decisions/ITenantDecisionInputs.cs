using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Grains.Decisions;

/// <summary>
/// The per-silo view of what a tenant's customers decide with: the current compiled playbook and a recent snapshot of
/// the tenant's propensity model. Customer grains ask on every decision, so answers come from memory; a new playbook
/// version reaches every silo within seconds.
/// </summary>
public interface ITenantDecisionInputs
{
    ValueTask<TenantDecisionInputs> GetAsync(string tenant);
}

public sealed record TenantDecisionInputs(CompiledPlaybook Playbook, PropensityModel Model);

/// <summary>Collects learning signals from customer grains and forwards them to their tenant's propensity model.</summary>
public interface ILearningSignalSink
{
    void Post(string tenant, IReadOnlyList<LearningSignal> signals);
}
