using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>
/// A tenant's playbook: validates and compiles every PUT with the engine's own validator and compiler (so a stored
/// playbook always compiles), numbers accepted versions and stores them. Silos compile what it returns.
/// </summary>
public sealed class TenantPlaybookGrain(
    [PersistentState(PlatformStorage.PlaybookState, PlatformStorage.Name)] IPersistentState<TenantPlaybookState> state,
    ILogger<TenantPlaybookGrain> logger) : Grain, ITenantPlaybookGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public Task<PlaybookDocument> GetAsync() => Task.FromResult(state.RecordExists
        ? new PlaybookDocument(state.State.Version, state.State.Playbook.GetRawText(), state.State.UpdatedAt)
        : TenantPlaybooks.DefaultDocument(Tenant));

    public Task<int> GetVersionAsync() => Task.FromResult(state.RecordExists ? state.State.Version : PlaybookDocument.DefaultVersion);

    public async Task<PlaybookPutResult> PutAsync(string json)
    {
        Playbook playbook;
        try
        {
            playbook = PlaybookJson.Parse(json);
        }
        catch (JsonException)
        {
            // The validator words parse errors (with their path) the same way everywhere.
            return Refused(PlaybookValidator.Validate(json));
        }

        var errors = new List<PlaybookError>();
        if (string.IsNullOrEmpty(playbook.TenantId)) playbook.TenantId = Tenant;
        else if (playbook.TenantId != Tenant)
            errors.Add(new PlaybookError("$.tenantId", $"must be '{Tenant}' (the tenant of this playbook) or absent"));
        var version = (state.RecordExists ? state.State.Version : PlaybookDocument.DefaultVersion) + 1;
        playbook.Version = version;
        errors.AddRange(PlaybookValidator.Validate(playbook));
        if (errors.Count > 0) return Refused(errors);
        try
        {
            // Validation promises that this compiles; proving it here keeps a gap in that promise out of every silo.
            CompiledPlaybook.Compile(playbook);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Tenant {Tenant}'s playbook validated but did not compile; refused", Tenant);
            return Refused([new PlaybookError("$", "could not be compiled: " + ex.Message)]);
        }

        state.State = new TenantPlaybookState { Version = version, Playbook = JsonSerializer.SerializeToElement(playbook, PlaybookJson.Options), UpdatedAt = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {Tenant} playbook version {Version} stored: {Rules} rules, {Keywords} keywords",
            Tenant, version, playbook.Rules?.Count ?? 0, playbook.Keywords?.Count ?? 0);
        return PlaybookPutResult.Stored(version);
    }

    private static PlaybookPutResult Refused(IEnumerable<PlaybookError> errors) =>
        PlaybookPutResult.Refused([.. errors.Select(e => new PlaybookValidationError(e.Path, e.Message))]);
}
