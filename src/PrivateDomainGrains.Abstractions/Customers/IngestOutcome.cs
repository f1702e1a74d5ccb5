namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>What happened to each event handed to a customer grain, in the order given.</summary>
[GenerateSerializer, Immutable, Alias("pdg.IngestOutcome")]
public sealed record IngestOutcome([property: Id(0)] bool[] Accepted);
