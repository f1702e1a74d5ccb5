using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.LoadTest.Api;

/// <summary>The tenant a run drives and its keys: created by the run, or given with --api-key and --admin-key.</summary>
public sealed record TenantCredentials(string Tenant, string ApiKey, string AdminKey)
{
    /// <summary>The SDK of <paramref name="node"/> for this tenant.</summary>
    public PrivateDomainGrainsClient On(NodeConnection node) => node.Api.WithTenant(Tenant, ApiKey, AdminKey);
}
