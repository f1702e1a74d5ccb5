namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// What happened to each event handed to a customer grain, in the order given: <see cref="Accepted"/> when journaled
/// now, else a duplicate of an event already journaled, or a conflict (<see cref="Conflicts"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.IngestOutcome")]
public sealed record IngestOutcome([property: Id(0)] bool[] Accepted)
{
    /// <summary>
    /// Per event, null unless its id is already used in the tenant by a different event (another customer's, or this
    /// customer's with another type or time): then why, naming the customer that holds it. Null when there is none.
    /// </summary>
    [Id(1)] public string?[]? Conflicts { get; init; }

    /// <summary>The customer's owner after these events; null when no one owns them (their nudges wait in the unassigned queue).</summary>
    [Id(2)] public string? Owner { get; init; }
}
