using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class TimelineTests
{
    private const long S = TimeSpan.TicksPerSecond, Ms = TimeSpan.TicksPerMillisecond;
    private const long Start = 100 * S;

    private static SentEvent Sent(long dueMs, long answeredMs, EventOutcome outcome = EventOutcome.Accepted) =>
        new("e", "c", "page.viewed", null, Start + dueMs * Ms, outcome == EventOutcome.Failed ? 0 : Start + answeredMs * Ms, true, outcome);

    [Fact]
    public void Buckets_offers_by_schedule_and_acknowledgements_by_answer_time()
    {
        var points = Timeline.Build(
            [Sent(0, 10), Sent(500, 1_200), Sent(900, 1_100), Sent(1_500, 0, EventOutcome.Failed), Sent(1_600, 1_650, EventOutcome.Rejected)],
            [new NudgeDelivery("e", Start + 1_300 * Ms, 40 * Ms)], [], Start);
        Assert.Equal(2, points.Count);
        Assert.Equal((0, 3L, 1L, 0L), (points[0].Second, points[0].Offered, points[0].Acknowledged, points[0].Failed));
        Assert.Equal((1, 2L, 2L, 1L, 1L), (points[1].Second, points[1].Offered, points[1].Acknowledged, points[1].Failed, points[1].NudgesReceived));
        Assert.Equal(10, points[0].AckP99Ms);
        Assert.Equal((200.0, 700.0), (points[1].AckP50Ms, points[1].AckP99Ms));
        Assert.Equal(40, points[1].NudgeP99Ms);
        Assert.Null(points[0].CpuPercent);
    }

    [Fact]
    public void Host_figures_land_in_their_second_summed_over_nodes()
    {
        NodeStatsSample Stat(string node, long atMs, double cpu, long ws, long grains) =>
            new(node, Start + atMs * Ms, grains, ws, 0, cpu, 1, 1000 + atMs / 1000.0);
        var points = Timeline.Build([Sent(0, 10), Sent(2_500, 2_600)], [],
            [Stat("a", -400, 0, 10, 0), Stat("a", 600, 0.5, 20, 5), Stat("b", 700, 0, 30, 7), Stat("a", 1_600, 1.0, 25, 6)], Start);
        Assert.Equal(3, points.Count);
        Assert.Equal((50.0, 50L, 12L), (points[0].CpuPercent, points[0].WorkingSetBytes, points[0].ActiveCustomerGrains));
        Assert.Equal((50.0, 25L), (points[1].CpuPercent, points[1].WorkingSetBytes));
        Assert.Null(points[2].WorkingSetBytes);
    }

    [Fact]
    public void An_empty_run_has_one_empty_second() =>
        Assert.Equal([new TimelinePoint(0, 0, 0, 0, 0, 0, 0, 0, null, null, null)], Timeline.Build([], [], [], Start));
}
