namespace PrivateDomainGrains.Persistence;

/// <summary>One nudge as stored in <c>pdg_nudges</c>.</summary>
public sealed record NudgeRow(
    string Tenant,
    string NudgeId,
    string StaffId,
    string CustomerId,
    string? EventId,
    string Kind,
    string Title,
    string Text,
    string Reason,
    int Priority,
    DateTimeOffset CreatedAt);

/// <summary>A console's acknowledgement of one of its own nudges.</summary>
public sealed record NudgeAck(string Tenant, string StaffId, string NudgeId);
