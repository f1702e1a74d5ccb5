using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>A tenant's keys and staff roster, with who took over from staff who left.</summary>
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

    public Task<string[]> GetStaffIdsAsync() => Task.FromResult(state.State.StaffIds.ToArray());

    public async Task SetRosterEntryAsync(RosterEntry entry)
    {
        if (!state.RecordExists) throw new InvalidOperationException($"Tenant '{this.GetPrimaryKeyString()}' does not exist");
        var current = Entry(entry.StaffId);
        if (current == entry && state.State.StaffIds.Contains(entry.StaffId)) return;
        state.State.StaffIds.Add(entry.StaffId);
        if (entry is { Role: StaffRoles.Staff, Team: null, Disabled: false }) state.State.Roster.Remove(entry.StaffId);
        else state.State.Roster[entry.StaffId] = new RosterState { Role = entry.Role, Team = entry.Team, Disabled = entry.Disabled };
        await state.WriteStateAsync();
    }

    public Task<RosterEntry[]> GetRosterAsync() => Task.FromResult(state.State.StaffIds.Select(Entry).ToArray());

    public async Task SetSuccessorAsync(string staffId, string? successor)
    {
        if (!state.RecordExists) throw new InvalidOperationException($"Tenant '{this.GetPrimaryKeyString()}' does not exist");
        var current = state.State.Successors.GetValueOrDefault(staffId);
        if (current == successor) return;
        if (successor is null) state.State.Successors.Remove(staffId);
        else state.State.Successors[staffId] = successor;
        state.State.RoutingVersion++;
        await state.WriteStateAsync();
    }

    public Task<StaffRouting> GetRoutingAsync() => Task.FromResult(state.State.Successors.Count == 0 && state.State.RoutingVersion == 0
        ? StaffRouting.None
        : new StaffRouting(state.State.RoutingVersion, new Dictionary<string, string>(state.State.Successors, StringComparer.Ordinal)));

    private RosterEntry Entry(string staffId) => state.State.Roster.TryGetValue(staffId, out var r)
        ? new RosterEntry(staffId, r.Role, r.Team, r.Disabled)
        : new RosterEntry(staffId, StaffRoles.Staff, null, false);
}
