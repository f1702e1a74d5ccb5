using Orleans.Concurrency;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Abstractions.Staff;

/// <summary>A staff member of a tenant, and the router of that member's nudges to the nodes where their consoles are.</summary>
[Alias("pdg.IStaffGrain")]
public interface IStaffGrain : IGrainWithStringKey
{
    /// <summary>Creates the staff member with a role (<see cref="StaffRoles"/>) and a team (null: none); false if it already exists.</summary>
    [Alias("Create")] Task<bool> CreateAsync(string name, string passwordHash, string role = StaffRoles.Staff, string? team = null);

    /// <summary>Changes what is given (null: unchanged; an empty team: no team). Null if the staff member does not exist.</summary>
    [Alias("Update")] Task<StaffView?> UpdateAsync(string? name, string? role, string? team);

    [Alias("Get")] Task<StaffView?> GetAsync();

    [Alias("GetCredentials")] Task<StaffCredentials?> GetCredentialsAsync();

    /// <summary>
    /// The staff member may no longer sign in, and every session ends now: tokens already issued stop working and
    /// connected consoles are closed. False if the staff member does not exist.
    /// </summary>
    [Alias("Disable")] Task<bool> DisableAsync();

    /// <summary>The staff member may sign in again (earlier sessions stay ended). False if the staff member does not exist.</summary>
    [Alias("Enable")] Task<bool> EnableAsync();

    /// <summary>A node with consoles of this staff member registers (and periodically re-registers) its observer.</summary>
    [Alias("Subscribe")] Task SubscribeAsync(INudgeObserver node);

    [Alias("Unsubscribe")] Task UnsubscribeAsync(INudgeObserver node);

    /// <summary>Forwards already-persisted nudges to every subscribed node.</summary>
    [OneWay, Alias("Deliver")] Task DeliverAsync(Nudge[] nudges);

    /// <summary>Tells every subscribed node that these nudges changed (closed or snoozed).</summary>
    [OneWay, Alias("DeliverChanges")] Task DeliverChangesAsync(NudgeChange[] changes);
}
