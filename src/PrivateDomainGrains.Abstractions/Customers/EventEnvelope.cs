namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>A validated customer event on its way to the customer's grain.</summary>
[GenerateSerializer, Immutable, Alias("pdg.EventEnvelope")]
public sealed record EventEnvelope(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Channel,
    [property: Id(5)] string? StaffId,
    [property: Id(6)] string? Text,
    [property: Id(7)] Dictionary<string, string>? Data);
