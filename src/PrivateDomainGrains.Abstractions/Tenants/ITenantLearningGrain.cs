using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>
/// A tenant's propensity model: every nudge outcome of the tenant's customers updates it. Key: the tenant id.
/// Silos batch signals into <see cref="RecordAsync"/> and poll <see cref="GetModelAsync"/> for a fresh snapshot.
/// </summary>
[Alias("pdg.ITenantLearningGrain")]
public interface ITenantLearningGrain : IGrainWithStringKey
{
    /// <summary>Records the outcomes; signals whose outcome this version does not know are skipped and logged.</summary>
    [Alias("Record")] Task RecordAsync(LearningSignalEnvelope[] signals);

    /// <summary>
    /// The model, or null when its version equals <paramref name="knownVersion"/> (pass <see cref="PropensityModelDocument.NoVersion"/> to always get it).
    /// "Differs", not "newer": a crash can roll the version back to the last write, and the caller must then follow.
    /// </summary>
    [Alias("GetModel"), ReadOnly] Task<PropensityModelDocument?> GetModelAsync(long knownVersion);

    /// <summary>The model's version: the number of outcomes it has recorded.</summary>
    [Alias("GetVersion"), ReadOnly] Task<long> GetVersionAsync();
}
