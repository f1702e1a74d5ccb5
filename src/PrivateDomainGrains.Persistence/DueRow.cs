namespace PrivateDomainGrains.Persistence;

/// <summary>A customer's entry in the due-time index: when the scheduler must wake it, or null to remove the entry.</summary>
public sealed record DueRow(string Tenant, string CustomerId, DateTimeOffset? DueAt) : ICustomerRow;
