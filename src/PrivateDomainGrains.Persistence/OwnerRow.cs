namespace PrivateDomainGrains.Persistence;

/// <summary>A customer's entry in the ownership index (<c>pdg_customer_owners</c>): who owns it now.</summary>
public sealed record OwnerRow(string Tenant, string CustomerId, string StaffId) : ICustomerRow;
