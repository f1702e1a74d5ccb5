using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>A tenant's keys and staff roster.</summary>
public sealed class TenantGrain(
    [PersistentState(PlatformStorage.TenantState, PlatformStorage.Name)] IPersistentState<TenantState> state) : Grain, ITenantGrain
{
    public async Task<bool> CreateAsync(string name, byte[] apiKeyHash, byte[] adminKeyHash)
    {
        if (state.RecordExists) return false;
        state.State = new TenantState { Name = name, ApiKeyHash = apiKeyHash, AdminKeyHash = adminKeyHash, CreatedAt = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        return true;
    }

    public Task<TenantInfo?> GetAsync() => Task.FromResult(state.RecordExists
        ? new TenantInfo(this.GetPrimaryKeyString(), state.State.Name, state.State.ApiKeyHash, state.State.AdminKeyHash, state.State.CreatedAt)
        : null);

    public async Task AddStaffAsync(string staffId)
    {
        if (!state.RecordExists) throw new InvalidOperationException($"Tenant '{this.GetPrimaryKeyString()}' does not exist");
        if (state.State.StaffIds.Add(staffId)) await state.WriteStateAsync();
    }

    public Task<string[]> GetStaffIdsAsync() => Task.FromResult(state.State.StaffIds.ToArray());
}
