using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class ConsoleSilenceTests
{
    private const long S = TimeSpan.TicksPerSecond;

    private static ConsoleSession Session(int session, long fromS, long? toS, int console = 0, string staff = "alice", string node = "n1") =>
        new(console, staff, $"conn-{session}", node, fromS * S, toS * S);

    private static StoredNudge Raised(string id, double atS, string staff = "alice") => new(id, staff, "c1", "e-" + id, "reply", (long)(atS * S), Open: false);

    private static NudgeArrival Arrived(string id, double atS, int session = 1, int console = 0) =>
        new(id, "e-" + id, "reply", "alice", "alice", console, (long)(atS * S), Connection: $"conn-{session}");

    [Fact]
    public void A_nudge_is_owed_to_a_console_connected_when_it_was_raised_and_waits_until_it_arrives_on_that_connection()
    {
        var r = ConsoleSilence.Analyse([Session(1, 0, null)], [Arrived("a", 1.5), Arrived("b", 7)], [Raised("a", 1), Raised("b", 4)], 0, 10 * S);

        Assert.Equal((2L, 2L, 0L), (r.Owed, r.ArrivedOnTheConnection, r.NotWhileConnected));
        Assert.Equal(("b", 3 * S, true), (r.LongestWait!.NudgeId, r.LongestWait.WaitTicks, r.LongestWait.Arrived));
        Assert.Equal(1, r.WaitsOver2Seconds);
    }

    [Fact]
    public void A_nudge_that_never_arrives_waits_until_the_connection_drops_or_the_run_ends()
    {
        var r = ConsoleSilence.Analyse([Session(1, 0, 5), Session(2, 6, null)], [Arrived("a", 8, session: 2)], [Raised("a", 2), Raised("b", 7)], 0, 20 * S);

        Assert.Equal((2L, 2L), (r.Owed, r.NotWhileConnected));
        Assert.Equal(("b", 13 * S, false), (r.LongestWait!.NudgeId, r.LongestWait.WaitTicks, r.LongestWait.Arrived));
    }

    [Fact]
    public void Nudges_raised_while_a_console_was_disconnected_are_not_owed_to_it_and_other_staff_members_nudges_never_are()
    {
        var r = ConsoleSilence.Analyse([Session(1, 0, 2), Session(2, 5, null)], [], [Raised("gap", 3), Raised("bobs", 1, staff: "bob")], 0, 10 * S);

        Assert.Equal(0, r.Owed);
        Assert.Null(r.LongestGap);
    }

    [Fact]
    public void A_silence_runs_from_the_oldest_owed_nudge_to_the_next_arrival_of_anything()
    {
        // a arrives at 1.2; b is raised at 2 and stuck until 9; c (raised 3) arrives at 4, which ends the silence 2..4;
        // then b is still owed from 4 until it arrives at 9.
        var r = ConsoleSilence.Analyse([Session(1, 0, null)], [Arrived("a", 1.2), Arrived("c", 4), Arrived("b", 9)],
            [Raised("a", 1), Raised("b", 2), Raised("c", 3)], 0, 10 * S);

        Assert.Equal((4 * S, 9 * S), (r.LongestGap!.FromTicks, r.LongestGap.ToTicks));
        Assert.Equal(7 * S, r.LongestWait!.WaitTicks);
    }

    [Fact]
    public void Time_with_nothing_owed_is_not_silence_however_long()
    {
        var r = ConsoleSilence.Analyse([Session(1, 0, null)], [Arrived("a", 1.1), Arrived("b", 50.5)], [Raised("a", 1), Raised("b", 50)], 0, 60 * S);

        Assert.Equal(S / 2, r.LongestGap!.Ticks);
    }

    [Fact]
    public void Only_nudges_raised_within_the_observation_count()
    {
        var r = ConsoleSilence.Analyse([Session(1, 0, null)], [], [Raised("before", 1), Raised("after", 12)], 2 * S, 10 * S);

        Assert.Equal(0, r.Owed);
    }
}
