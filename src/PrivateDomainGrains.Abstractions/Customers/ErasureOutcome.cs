namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// A customer's personal data erased (<see cref="ICustomerGrain.EraseAsync"/>): when, and how many rows each table
/// gave up (zero everywhere for a customer the tenant never had, which is recorded as erased all the same).
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.ErasureOutcome")]
public sealed record ErasureOutcome(
    [property: Id(0)] DateTimeOffset ErasedAt,
    [property: Id(1)] IReadOnlyDictionary<string, int> Rows);
