namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>Turns one ingest response into a per-event outcome.</summary>
public static class IngestOutcomes
{
    /// <param name="count">Events in the request.</param>
    /// <param name="duplicates">The response's duplicate count; it names no events.</param>
    /// <param name="rejectedIndexes">Indexes from the response's errors list.</param>
    public static EventOutcome[] Classify(int count, int duplicates, IEnumerable<int> rejectedIndexes)
    {
        var outcomes = new EventOutcome[count];
        var rejected = rejectedIndexes.Where(i => i >= 0 && i < count).ToHashSet();
        var acknowledged = count - rejected.Count;
        // Duplicates are only counted, so a batch mixing new and already-seen events cannot be split per event.
        var fill = duplicates <= 0 ? EventOutcome.Accepted
            : duplicates >= acknowledged ? EventOutcome.Duplicate
            : EventOutcome.Ambiguous;
        for (var i = 0; i < count; i++) outcomes[i] = rejected.Contains(i) ? EventOutcome.Rejected : fill;
        return outcomes;
    }

    public static EventOutcome[] AllFailed(int count) => Enumerable.Repeat(EventOutcome.Failed, count).ToArray();
}
