namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One row of the platform's nudge inbox (<c>pdg_nudges</c>) as read at the end of a run. <see cref="CreatedTicks"/> is
/// its created_at (the moment the customer grain raised it) on the run clock; <see cref="Open"/>: not acknowledged yet.
/// </summary>
public sealed record StoredNudge(string NudgeId, string StaffId, string CustomerId, string? EventId, string Kind, long CreatedTicks, bool Open);
