namespace PrivateDomainGrains.Persistence;

/// <summary>Rows one caller wants committed together with everybody else's in the next group commit.</summary>
public sealed record WriteRequest(
    IReadOnlyList<JournalRow> Events,
    IReadOnlyList<NudgeRow> Nudges,
    IReadOnlyList<NudgeAck> Acks)
{
    /// <summary>Due-time index changes committed in the same transaction as the rest of the request.</summary>
    public IReadOnlyList<DueRow> Due { get; init; } = [];

    public static WriteRequest ForEvents(IReadOnlyList<JournalRow> events) => new(events, [], []);
    public static WriteRequest ForNudges(IReadOnlyList<NudgeRow> nudges) => new(Array.Empty<JournalRow>(), nudges, []);
    public static WriteRequest ForAck(NudgeAck ack) => new(Array.Empty<JournalRow>(), Array.Empty<NudgeRow>(), [ack]);
    public static WriteRequest ForDue(DueRow due) => new(Array.Empty<JournalRow>(), Array.Empty<NudgeRow>(), []) { Due = [due] };

    public int RowCount => Events.Count + Nudges.Count + Acks.Count + Due.Count;
}

/// <summary>The ids among the request's rows that were new; the others were already stored (duplicates).</summary>
public sealed record WriteResult(IReadOnlySet<string> InsertedEventIds, IReadOnlySet<string> InsertedNudgeIds);
