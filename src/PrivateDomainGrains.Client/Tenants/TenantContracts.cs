namespace PrivateDomainGrains.Client;

/// <param name="Tenant">1-128 letters, digits and <c>-_.:@</c>.</param>
/// <param name="Name">At most 100 characters; the tenant id when null.</param>
public sealed record CreateTenantRequest(string Tenant, string? Name = null);

/// <summary>A new tenant's keys: shown this once, stored only as hashes by the platform. Keep them.</summary>
public sealed record CreatedTenant(string Tenant, string Name, string ApiKey, string AdminKey);
