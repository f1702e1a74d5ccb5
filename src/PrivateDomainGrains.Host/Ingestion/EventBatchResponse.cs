namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>Outcome of one events request: every event is accepted, a duplicate (its id was seen before), or rejected with reasons.</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventError> Errors);

public sealed record EventError(int Index, string? EventId, IReadOnlyList<string> Errors);
