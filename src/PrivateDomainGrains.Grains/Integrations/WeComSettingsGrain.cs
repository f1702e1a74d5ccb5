using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Integrations;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Integrations;

/// <summary>A tenant's WeCom settings: stores what the host validated and protected; decides nothing.</summary>
public sealed class WeComSettingsGrain(
    [PersistentState(PlatformStorage.WeComSettingsState, PlatformStorage.Name)] IPersistentState<WeComSettingsState> state,
    ILogger<WeComSettingsGrain> logger) : Grain, IWeComSettingsGrain
{
    public Task<WeComSettingsDocument?> GetAsync() => Task.FromResult(state.RecordExists ? Document() : null);

    public async Task<WeComSettingsDocument> PutAsync(string corpId, string protectedSecrets)
    {
        state.State = new WeComSettingsState { CorpId = corpId, ProtectedSecrets = protectedSecrets, UpdatedAt = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        logger.LogInformation("Tenant {Tenant} WeCom settings changed: corp {CorpId}", this.GetPrimaryKeyString(), corpId);
        return Document();
    }

    private WeComSettingsDocument Document() => new(state.State.CorpId, state.State.ProtectedSecrets, state.State.UpdatedAt);
}
