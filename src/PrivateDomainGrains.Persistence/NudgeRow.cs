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
    DateTimeOffset CreatedAt)
{
    /// <summary>Content the owner could send, e.g. a guide or a coupon.</summary>
    public string? Suggested { get; init; }

    /// <summary>Why the engine chose it: rule, scores, and the alternatives with the policies that stopped them.</summary>
    public string? Explanation { get; init; }
}

/// <summary>A console's acknowledgement of one of its own nudges.</summary>
public sealed record NudgeAck(string Tenant, string StaffId, string NudgeId);
