using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Staff;

/// <summary>
/// A staff member, and the router of their nudges: it knows which web nodes have that member's consoles
/// (one observer per node, as in the GPSTracker sample) and forwards nudges only there.
/// </summary>
public sealed class StaffGrain(
    [PersistentState(PlatformStorage.StaffState, PlatformStorage.Name)] IPersistentState<StaffState> state,
    ILogger<StaffGrain> logger) : Grain, IStaffGrain
{
    /// <summary>Nodes re-subscribe well within this; a node that died simply stops doing so and drops out.</summary>
    public static readonly TimeSpan NodeExpiry = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<INudgeObserver> _nodes = new(NodeExpiry, logger);

    public async Task<bool> CreateAsync(string name, string passwordHash, string role = StaffRoles.Staff, string? team = null)
    {
        if (state.RecordExists) return false;
        var (tenant, staffId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        // Roster first: if we stop between the two writes, a retry finds no staff record and completes both.
        await GrainFactory.GetGrain<ITenantGrain>(tenant).SetRosterEntryAsync(new RosterEntry(staffId, role, team, false));
        state.State = new StaffState { Name = name, PasswordHash = passwordHash, CreatedAt = DateTimeOffset.UtcNow, Role = role, Team = team };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<StaffView?> UpdateAsync(string? name, string? role, string? team)
    {
        if (!state.RecordExists) return null;
        state.State.Name = name ?? state.State.Name;
        state.State.Role = role ?? state.State.Role;
        state.State.Team = team is null ? state.State.Team : team.Length == 0 ? null : team;
        await UpdateRosterAsync();
        await state.WriteStateAsync();
        return View();
    }

    public Task<StaffView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public Task<StaffCredentials?> GetCredentialsAsync() => Task.FromResult(state.RecordExists
        ? new StaffCredentials(StaffId, state.State.PasswordHash)
        {
            Disabled = state.State.DisabledAt is not null,
            SessionGeneration = state.State.SessionGeneration,
            Role = state.State.Role,
            Team = state.State.Team,
        }
        : null);

    private StaffView View() => new(StaffId, state.State.Name, state.State.CreatedAt)
    {
        DisabledAt = state.State.DisabledAt,
        Role = state.State.Role,
        Team = state.State.Team,
    };

    private Task UpdateRosterAsync()
    {
        var (tenant, staffId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<ITenantGrain>(tenant)
            .SetRosterEntryAsync(new RosterEntry(staffId, state.State.Role, state.State.Team, state.State.DisabledAt is not null));
    }

    public async Task<bool> DisableAsync()
    {
        if (!state.RecordExists) return false;
        state.State.DisabledAt ??= DateTimeOffset.UtcNow;
        state.State.SessionGeneration++;
        await UpdateRosterAsync();
        await state.WriteStateAsync();
        var (tenant, staffId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _ = _nodes.Notify(node => node.OnSignedOutAsync(tenant, staffId));
        logger.LogInformation("Staff {Tenant}/{StaffId} disabled: sessions ended", tenant, staffId);
        return true;
    }

    public async Task<bool> EnableAsync()
    {
        if (!state.RecordExists) return false;
        if (state.State.DisabledAt is null) return true;
        state.State.DisabledAt = null;
        await UpdateRosterAsync();
        await state.WriteStateAsync();
        return true;
    }

    private string StaffId => GrainKeys.Parse(this.GetPrimaryKeyString()).Id;

    public Task SubscribeAsync(INudgeObserver node)
    {
        _nodes.Subscribe(node, node);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(INudgeObserver node)
    {
        _nodes.Unsubscribe(node);
        return Task.CompletedTask;
    }

    public Task DeliverAsync(Nudge[] nudges)
    {
        _nodes.Notify(node => node.OnNudgesAsync(nudges));
        return Task.CompletedTask;
    }

    public Task DeliverChangesAsync(NudgeChange[] changes)
    {
        var (tenant, staffId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _nodes.Notify(node => node.OnNudgesChangedAsync(tenant, staffId, changes));
        return Task.CompletedTask;
    }
}
