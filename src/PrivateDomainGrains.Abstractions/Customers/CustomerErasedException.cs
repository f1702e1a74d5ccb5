namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// A write named a customer whose personal data was erased (<see cref="ICustomerGrain.EraseAsync"/>): nothing was
/// stored, and nothing will be for this id, or the write would bring the customer back into the directory, owners,
/// consoles and exports. The host answers it 409 (<c>CustomerErasedHandler</c>), as events for the id are refused.
/// </summary>
[GenerateSerializer, Alias("pdg.CustomerErasedException")]
public sealed class CustomerErasedException(string customerId, DateTimeOffset erasedAt)
    : Exception($"customer '{customerId}' was erased at {erasedAt:O}: nothing is stored about it again")
{
    [Id(0)] public string CustomerId { get; } = customerId;
    [Id(1)] public DateTimeOffset ErasedAt { get; } = erasedAt;
}
