namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>A tenant: its keys and its staff roster. Key: the tenant id.</summary>
[Alias("pdg.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; false if it already exists.</summary>
    [Alias("Create")] Task<bool> CreateAsync(string name, byte[] apiKeyHash, byte[] adminKeyHash);

    [Alias("Get")] Task<TenantInfo?> GetAsync();

    [Alias("AddStaff")] Task AddStaffAsync(string staffId);

    [Alias("GetStaffIds")] Task<string[]> GetStaffIdsAsync();
}
