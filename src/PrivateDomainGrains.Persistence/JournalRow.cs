namespace PrivateDomainGrains.Persistence;

/// <summary>One customer event as stored in <c>pdg_event_journal</c>.</summary>
public sealed record JournalRow(
    string Tenant,
    string CustomerId,
    long Sequence,
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? StaffId,
    string? Text,
    IReadOnlyDictionary<string, string>? Data);
