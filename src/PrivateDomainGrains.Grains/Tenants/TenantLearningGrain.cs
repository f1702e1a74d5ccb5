using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>
/// A tenant's propensity model. Every silo forwards its customers' nudge outcomes here in batches and polls for
/// snapshots, so the model lives in memory and is written behind, not per batch.
/// </summary>
public sealed class TenantLearningGrain(
    [PersistentState(PlatformStorage.LearningState, PlatformStorage.Name)] IPersistentState<TenantLearningState> state,
    ILogger<TenantLearningGrain> logger) : Grain, ITenantLearningGrain
{
    /// <summary>
    /// The model is written at most this often and on deactivation. A crash therefore loses the outcomes of the last
    /// few seconds (and the version rolls back with them). That is acceptable: the model is a statistic over thousands
    /// of outcomes that a few seconds barely move, no customer state or nudge depends on any one outcome, and writing
    /// per batch would put a storage write behind every silo's flush, every second, for every tenant.
    /// </summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(5);

    private long _writtenVersion;
    // Every silo polls the model; serialize once per version, not once per poll.
    private PropensityModelDocument? _document;

    private PropensityModel Model => state.State.Model;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writtenVersion = Model.Version;
        this.RegisterGrainTimer(WriteIfChangedAsync, WriteInterval, WriteInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        WriteIfChangedAsync(cancellationToken);

    public Task RecordAsync(LearningSignalEnvelope[] signals)
    {
        var unknown = 0;
        foreach (var signal in signals)
        {
            if (Enum.TryParse<NudgeOutcome>(signal.Outcome, ignoreCase: false, out var outcome) && Enum.IsDefined(outcome))
                Model.Record(signal.Action, signal.Segment, outcome);
            else unknown++;
        }
        if (unknown > 0)
            logger.LogWarning("Tenant {Tenant}: skipped {Count} learning signals with an unknown outcome", this.GetPrimaryKeyString(), unknown);
        return Task.CompletedTask;
    }

    public Task<PropensityModelDocument?> GetModelAsync(long knownVersion)
    {
        if (Model.Version == knownVersion) return Task.FromResult<PropensityModelDocument?>(null);
        if (_document?.Version != Model.Version) _document = new PropensityModelDocument(Model.Version, JsonSerializer.Serialize(Model));
        return Task.FromResult<PropensityModelDocument?>(_document);
    }

    public Task<long> GetVersionAsync() => Task.FromResult(Model.Version);

    private async Task WriteIfChangedAsync(CancellationToken cancellationToken)
    {
        var version = Model.Version;
        if (version == _writtenVersion) return;
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _writtenVersion = version;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept in memory; the next tick or the deactivation tries again.
            logger.LogWarning(ex, "Tenant {Tenant}: writing the propensity model (version {Version}) failed", this.GetPrimaryKeyString(), version);
        }
    }
}
