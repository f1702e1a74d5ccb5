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

    /// <summary>The rule, or <c>sequence/step</c>, that raised it.</summary>
    public string? Source { get; init; }

    /// <summary>When it closes as expired if still open.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Hidden from the queue until then.</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>The customer's display name, for the queue (not stored with the nudge: read from the directory, or given when raised).</summary>
    public string? CustomerName { get; init; }

    /// <summary>The variant under test it was raised with, <c>holdout</c> for a held-out decision (stored closed, never shown).</summary>
    public string? Variant { get; init; }

    /// <summary>The day it was raised in the tenant's time zone: the day the execution reports count it under.</summary>
    public DateOnly? RaisedDay { get; init; }

    /// <summary>
    /// Addressed to the owner, whoever that is: it moves with owner changes. False for a nudge addressed to a staff
    /// member by name (the one the customer added, deleted or wrote to). <see cref="StaffId"/> is empty while a
    /// nudge that follows the owner waits for one (the unassigned queue).
    /// </summary>
    public bool FollowsOwner { get; init; } = true;

    /// <summary>For a nudge just moved (a new owner, a leaver's successor): who it was addressed to before.</summary>
    public string? PreviousStaffId { get; init; }

    public bool HeldOut => Variant == "holdout";
}

/// <summary>
/// A staff member closing one of their own open nudges from the console: <see cref="How"/> is done or not-useful
/// (<c>NudgeClosings</c>). Only that staff member's open nudge closes. <see cref="CustomerId"/> is the customer the nudge
/// is about: the group commit orders the close with that customer's writes (a move of its open nudges to a new owner
/// queued after the close commits after it).
/// </summary>
public sealed record NudgeAck(string Tenant, string CustomerId, string StaffId, string NudgeId, string How);

/// <summary>The platform closing an open nudge that no longer applies (done by the owner's action, obsolete, expired).</summary>
public sealed record NudgeClose(string Tenant, string NudgeId, string How, DateTimeOffset At);

/// <summary>A reply or an order credited to a nudge (<c>Outcome</c> replied or ordered), with the order's amount and currency.</summary>
public sealed record NudgeCreditRow(string Tenant, string NudgeId, string Outcome, DateTimeOffset At, decimal? Amount, string? Currency);

/// <summary>
/// A console-side fact about one of a staff member's nudges: first delivered to a connected console, first opened, or
/// snoozed until <see cref="Until"/> (null until: snooze ended). Only that staff member's nudge is marked.
/// <see cref="CustomerId"/> is the customer the nudge is about, ordering an opening or a snooze with that customer's
/// writes as for <see cref="NudgeAck"/> (a delivery is not: one console's delivery names many customers).
/// </summary>
public sealed record NudgeMark(string Tenant, string CustomerId, string StaffId, string NudgeId, NudgeMarkKind Kind, DateTimeOffset At,
    DateTimeOffset? Until = null);

public enum NudgeMarkKind { Delivered, Opened, Snoozed }
