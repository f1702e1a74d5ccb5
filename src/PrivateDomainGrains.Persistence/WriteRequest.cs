using System.Collections.Frozen;

namespace PrivateDomainGrains.Persistence;

/// <summary>Rows one caller wants committed together (one transaction) with everybody else's in the next group commit.</summary>
public sealed record WriteRequest
{
    public IReadOnlyList<JournalRow> Events { get; init; } = [];
    public IReadOnlyList<NudgeRow> Nudges { get; init; } = [];
    public IReadOnlyList<NudgeAck> Acks { get; init; } = [];
    /// <summary>Due-time index changes.</summary>
    public IReadOnlyList<DueRow> Due { get; init; } = [];
    public IReadOnlyList<CustomerSnapshotRow> Snapshots { get; init; } = [];
    /// <summary>Ownership index changes.</summary>
    public IReadOnlyList<OwnerRow> Owners { get; init; } = [];
    /// <summary>Customers whose open nudges move to a new owner (or a leaver's successor) in this transaction.</summary>
    public IReadOnlyList<NudgeMove> OpenNudgeMoves { get; init; } = [];
    /// <summary>Nudges the platform closes (they no longer apply).</summary>
    public IReadOnlyList<NudgeClose> Closes { get; init; } = [];
    /// <summary>Replies and orders credited to nudges acted on.</summary>
    public IReadOnlyList<NudgeCreditRow> Credits { get; init; } = [];
    /// <summary>Replies and orders within the window after nudges were raised, acted on or not (for tests against holdouts).</summary>
    public IReadOnlyList<NudgeCreditRow> Conversions { get; init; } = [];
    /// <summary>Console-side facts: delivered, opened, snoozed.</summary>
    public IReadOnlyList<NudgeMark> Marks { get; init; } = [];
    /// <summary>Customer directory changes.</summary>
    public IReadOnlyList<DirectoryRow> Directory { get; init; } = [];
    /// <summary>Changes to customers that are not events, for their timelines.</summary>
    public IReadOnlyList<CustomerChangeRow> Changes { get; init; } = [];

    public static WriteRequest ForAck(NudgeAck ack) => new() { Acks = [ack] };

    /// <summary>A snapshot row carries a whole profile, about ten times the bytes of an event or a nudge.</summary>
    public const int SnapshotWeight = 10;

    /// <summary>The request's share of a flush: rows, with snapshots counted by their size.</summary>
    public int Weight => Events.Count + Nudges.Count + Acks.Count + Due.Count + Owners.Count + OpenNudgeMoves.Count
        + Closes.Count + Credits.Count + Conversions.Count + Marks.Count + Directory.Count + Changes.Count + Snapshots.Count * SnapshotWeight;
}

/// <summary>
/// What a committed request changed: the ids among its nudges that were new (the others were already stored:
/// duplicates), for each acknowledgement that closed an open nudge the customer the nudge was about, and the open
/// nudges its owner changes moved (now addressed to the new owner). A committed request stored all its events (else it
/// was <see cref="Refused"/>). The parts a request had nothing for are shared empty collections.
/// </summary>
public sealed record WriteResult(
    IReadOnlySet<string> InsertedNudgeIds,
    IReadOnlyDictionary<string, string> AcknowledgedCustomers)
{
    public IReadOnlyList<NudgeRow> MovedNudges { get; init; } = [];

    /// <summary>
    /// The ids of the request's events the journal already held (duplicates, or ids used for other events): the whole
    /// request was then refused, nothing of it stored. Empty when it committed.
    /// </summary>
    public IReadOnlySet<string> Refused { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The platform's closes that closed an open nudge, with the staff member it belonged to.</summary>
    public IReadOnlyList<(string NudgeId, string StaffId)> ClosedNudges { get; init; } = [];

    /// <summary>The ids among the request's marks that applied: first deliveries and openings, snoozes of the staff member's own open nudges.</summary>
    public IReadOnlySet<string> MarkedNudgeIds { get; init; } = FrozenSet<string>.Empty;

    public static readonly WriteResult Nothing = new(FrozenSet<string>.Empty, FrozenDictionary<string, string>.Empty);
}
