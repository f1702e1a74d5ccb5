using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class EventLedgerTests
{
    private static readonly HashSet<string> Journal = ["a", "b", "d", "r"];

    [Fact]
    public void An_acknowledged_event_missing_from_the_journal_is_lost_whether_accepted_duplicate_or_ambiguous()
    {
        var r = EventLedger.Check(
            [("a", EventOutcome.Accepted), ("b", EventOutcome.Duplicate), ("x", EventOutcome.Accepted), ("y", EventOutcome.Duplicate), ("z", EventOutcome.Ambiguous)],
            Journal);

        Assert.Equal((5L, 5L, 3L), (r.Sent, r.Acknowledged, r.AcknowledgedLost));
        Assert.Equal(["x", "y", "z"], r.LostSample);
    }

    [Fact]
    public void An_event_never_acknowledged_is_owed_nothing_but_counted_as_stored_when_it_is()
    {
        var r = EventLedger.Check([("d", EventOutcome.Failed), ("e", EventOutcome.Failed)], Journal);

        Assert.Equal((0L, 0L, 2L, 1L), (r.Acknowledged, r.AcknowledgedLost, r.Unacknowledged, r.UnacknowledgedStored));
    }

    [Fact]
    public void A_rejected_event_found_in_the_journal_is_reported_as_stored_despite_the_refusal()
    {
        var r = EventLedger.Check([("r", EventOutcome.Rejected), ("q", EventOutcome.Rejected)], Journal);

        Assert.Equal((2L, 1L, 0L), (r.Rejected, r.RejectedStored, r.AcknowledgedLost));
    }
}
