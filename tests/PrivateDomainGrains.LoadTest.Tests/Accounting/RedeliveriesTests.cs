using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class RedeliveriesTests
{
    private static NudgeArrival Arrived(string nudge, int console, int session, long at) =>
        new(nudge, "e-" + nudge, "reply", "alice", "alice", console, at, Connection: $"conn-{session}");

    [Fact]
    public void The_same_nudge_twice_on_one_connection_is_a_duplicate()
    {
        var r = Redeliveries.Classify([Arrived("n1", 0, 1, 10), Arrived("n1", 0, 1, 20)], []);

        Assert.Equal((1L, 0L, 0L, 1L), (r.SameConnection, r.AfterAckConfirmed, r.ReplayedWhileOpen, r.Duplicated));
        Assert.Equal(new RepeatedArrival("n1", 0, "conn-1", 10, "conn-1", 20), r.DuplicateSample.Single());
    }

    [Fact]
    public void A_replay_on_a_new_connection_is_a_duplicate_only_when_the_ack_had_been_confirmed_before_it()
    {
        var r = Redeliveries.Classify(
            [Arrived("acked", 0, 1, 10), Arrived("acked", 0, 2, 50), Arrived("open", 0, 1, 10), Arrived("open", 0, 2, 50), Arrived("late-ack", 0, 1, 10), Arrived("late-ack", 0, 2, 50)],
            [new AckConfirmation(0, "acked", 15), new AckConfirmation(0, "late-ack", 60)]);

        Assert.Equal((0L, 1L, 2L, 1L), (r.SameConnection, r.AfterAckConfirmed, r.ReplayedWhileOpen, r.Duplicated));
    }

    [Fact]
    public void Copies_on_different_consoles_are_not_redeliveries()
    {
        var r = Redeliveries.Classify([Arrived("n1", 0, 1, 10), Arrived("n1", 1, 1, 11)], [new AckConfirmation(0, "n1", 12)]);

        Assert.Equal(0, r.Duplicated + r.ReplayedWhileOpen);
    }
}
