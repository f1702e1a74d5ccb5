using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>
/// A tenant's playbook: validates and compiles every PUT with the engine's own validator and compiler (so a stored
/// playbook always compiles), numbers accepted versions and stores them, each also in the history
/// (<see cref="PlaybookVersions"/>) that a rollback copies from. Silos compile what it returns.
/// </summary>
public sealed class TenantPlaybookGrain(
    [PersistentState(PlatformStorage.PlaybookState, PlatformStorage.Name)] IPersistentState<TenantPlaybookState> state,
    PlaybookVersions history,
    ILogger<TenantPlaybookGrain> logger) : Grain, ITenantPlaybookGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    private int CurrentVersion => state.RecordExists ? state.State.Version : PlaybookDocument.DefaultVersion;

    public Task<PlaybookDocument> GetAsync() => Task.FromResult(state.RecordExists
        ? new PlaybookDocument(state.State.Version, state.State.Playbook.GetRawText(), state.State.UpdatedAt)
        : TenantPlaybooks.DefaultDocument(Tenant));

    public Task<int> GetVersionAsync() => Task.FromResult(CurrentVersion);

    public Task<PlaybookPutResult> PutAsync(string json, string? storedBy = null) =>
        StoreAsync(PlaybookCandidate.Check(Tenant, json, CurrentVersion + 1), storedBy, restoredFrom: null);

    public async Task<PlaybookPutResult?> RollbackAsync(int version, string? storedBy = null)
    {
        // Version 0 is never in the history: it is the built-in default, restored with the default's content of today.
        var json = version == PlaybookDocument.DefaultVersion ? TenantPlaybooks.DefaultDocument(Tenant).Json
            : version < PlaybookDocument.DefaultVersion || version > CurrentVersion ? null
            : (await history.GetAsync(Tenant, version))?.Json;
        if (json is null) return null;
        // A version that validated when stored may not under a stricter engine: then it is refused as a PUT would be.
        return await StoreAsync(PlaybookCandidate.Check(Tenant, json, CurrentVersion + 1), storedBy, restoredFrom: version);
    }

    private async Task<PlaybookPutResult> StoreAsync(PlaybookCandidate candidate, string? storedBy, int? restoredFrom)
    {
        if (candidate.Errors.Length > 0)
        {
            // The sender's mistakes are answered 400 and need no log; only a playbook the validator let through that
            // then failed to compile is the platform's own fault.
            if (candidate.CompileFailed) logger.LogError("Tenant {Tenant}'s playbook validated but did not compile: {Error}", Tenant, candidate.Errors[0].Message);
            return PlaybookPutResult.Refused(candidate.Errors);
        }
        var playbook = candidate.Playbook!;
        var json = PlaybookJson.Serialize(playbook);
        var now = DateTimeOffset.UtcNow;
        // The history first: a version that becomes current is always in it (a version written there whose state write
        // then failed is overwritten by the next save under the same number). A version stored before the history was
        // kept joins it as the previous one.
        if (state.RecordExists) await history.KeepAsync(Tenant, state.State.Version, state.State.Playbook.GetRawText(), state.State.UpdatedAt);
        await history.RecordAsync(Tenant, playbook.Version, json, now, storedBy, restoredFrom);
        using (var document = JsonDocument.Parse(json))
            state.State = new TenantPlaybookState { Version = playbook.Version, Playbook = document.RootElement.Clone(), UpdatedAt = now };
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {Tenant} playbook version {Version} stored by {StoredBy}{Restored}: {Rules} rules, {Keywords} keywords",
            Tenant, playbook.Version, storedBy ?? "unknown", restoredFrom is { } from ? $" (restoring version {from})" : "", playbook.Rules?.Count ?? 0, playbook.Keywords?.Count ?? 0);
        return PlaybookPutResult.Stored(playbook.Version);
    }
}
