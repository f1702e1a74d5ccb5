namespace PrivateDomainGrains.Host.Security;

/// <summary>What a tenant key may do. The admin key can do everything the integration key can.</summary>
public enum TenantRole
{
    Integration,
    Admin,
}
