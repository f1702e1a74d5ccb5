namespace PrivateDomainGrains.Persistence;

/// <summary>A row keyed by its customer, of which a flush keeps the latest per customer.</summary>
public interface ICustomerRow
{
    string Tenant { get; }
    string CustomerId { get; }
}
