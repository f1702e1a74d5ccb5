using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class IngestOutcomesTests
{
    private const EventOutcome A = EventOutcome.Accepted, D = EventOutcome.Duplicate, M = EventOutcome.Ambiguous, R = EventOutcome.Rejected;

    [Fact]
    public void Without_duplicates_everything_not_rejected_is_accepted() =>
        Assert.Equal([A, R, A, R], IngestOutcomes.Classify(4, 0, [1, 3]));

    [Fact]
    public void When_every_acknowledged_event_is_a_duplicate_they_all_are() =>
        Assert.Equal([D, R, D], IngestOutcomes.Classify(3, 2, [1]));

    [Fact]
    public void A_batch_mixing_new_and_duplicate_events_cannot_be_split() =>
        Assert.Equal([M, M, R], IngestOutcomes.Classify(3, 1, [2]));

    [Fact]
    public void Out_of_range_and_repeated_indexes_are_ignored() =>
        Assert.Equal([R, A], IngestOutcomes.Classify(2, 0, [0, 0, 7, -1]));

    [Fact]
    public void A_failed_request_fails_every_event() =>
        Assert.Equal([EventOutcome.Failed, EventOutcome.Failed], IngestOutcomes.AllFailed(2));

    [Fact]
    public void Acknowledged_means_durable_on_the_server()
    {
        static bool Acked(EventOutcome o) => new SentEvent("e", "c", "t", null, 0, 0, true, o).Acknowledged;
        Assert.Equal([true, true, true, false, false], new[] { A, D, M, R, EventOutcome.Failed }.Select(Acked));
    }
}
