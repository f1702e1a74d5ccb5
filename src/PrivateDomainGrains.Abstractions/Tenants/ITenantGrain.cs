using PrivateDomainGrains.Abstractions.Staff;
namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>A tenant: its keys and its staff roster. Key: the tenant id.</summary>
[Alias("pdg.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; false if it already exists.</summary>
    [Alias("Create")] Task<bool> CreateAsync(string name, byte[] apiKeyHash, byte[] adminKeyHash);

    [Alias("Get")] Task<TenantInfo?> GetAsync();

    [Alias("GetStaffIds")] Task<string[]> GetStaffIdsAsync();

    /// <summary>Records a staff member's role, team and whether disabled in the roster (the staff grain is the truth; this is its index).</summary>
    [Alias("SetRosterEntry")] Task SetRosterEntryAsync(RosterEntry entry);

    /// <summary>Every staff member with role, team and whether disabled.</summary>
    [Alias("GetRoster")] Task<RosterEntry[]> GetRosterAsync();

    /// <summary>
    /// Records that <paramref name="staffId"/> left and <paramref name="successor"/> takes over what still names them
    /// (null: they are back, nothing is routed).
    /// </summary>
    [Alias("SetSuccessor")] Task SetSuccessorAsync(string staffId, string? successor);

    /// <summary>Who took over from whom, with a version that changes whenever that does (silos poll it).</summary>
    [Alias("GetRouting")] Task<StaffRouting> GetRoutingAsync();
}
