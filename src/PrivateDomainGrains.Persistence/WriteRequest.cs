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
    /// <summary>Customers whose open nudges move to a new owner (the row's staff member) in this transaction.</summary>
    public IReadOnlyList<OwnerRow> OpenNudgeMoves { get; init; } = [];

    public static WriteRequest ForAck(NudgeAck ack) => new() { Acks = [ack] };

    /// <summary>A snapshot row carries a whole profile, about ten times the bytes of an event or a nudge.</summary>
    public const int SnapshotWeight = 10;

    /// <summary>The request's share of a flush: rows, with snapshots counted by their size.</summary>
    public int Weight => Events.Count + Nudges.Count + Acks.Count + Due.Count + Owners.Count + OpenNudgeMoves.Count + Snapshots.Count * SnapshotWeight;
}

/// <summary>
/// What a committed request changed: the ids among its events and nudges that were new (the others were already
/// stored: duplicates), for each acknowledgement that closed an open nudge the customer the nudge was about, and the
/// open nudges its owner changes moved (now addressed to the new owner).
/// </summary>
public sealed record WriteResult(
    IReadOnlySet<string> InsertedEventIds,
    IReadOnlySet<string> InsertedNudgeIds,
    IReadOnlyDictionary<string, string> AcknowledgedCustomers)
{
    public IReadOnlyList<NudgeRow> MovedNudges { get; init; } = [];

    public static readonly WriteResult Nothing = new(new HashSet<string>(), new HashSet<string>(), new Dictionary<string, string>());
}
