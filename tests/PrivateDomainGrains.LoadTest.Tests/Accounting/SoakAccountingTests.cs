using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class SoakAccountingTests
{
    private const long S = TimeSpan.TicksPerSecond, Ms = TimeSpan.TicksPerMillisecond;

    private static TimelinePoint Second(int second, long nudges, double p99) => new(second, 0, 0, 0, nudges, 0, 0, p99, null, null, null);

    [Fact]
    public void The_per_second_series_keeps_each_second_with_nudges_and_its_p99_in_order()
    {
        var series = SoakAccounting.NudgeP99BySecond([Second(0, 0, 0), Second(1, 40, 12.5), Second(2, 0, 0), Second(3, 55, 1_250)]);

        Assert.Equal([new SecondP99(1, 40, 12.5), new SecondP99(3, 55, 1_250)], series);
    }

    [Fact]
    public void The_worst_second_is_the_one_with_the_highest_p99_the_earliest_of_equals()
    {
        Assert.Equal(new SecondP99(4, 9, 800), SoakAccounting.WorstSecond([new(2, 10, 30), new(4, 9, 800), new(5, 10, 800), new(6, 500, 70)]));
        Assert.Null(SoakAccounting.WorstSecond([]));
    }

    [Fact]
    public void Cpu_per_1000_durable_events_is_core_milliseconds_per_thousand()
    {
        // 2 core-seconds for 10,000 events: 200 µs each, 200 ms per 1,000.
        Assert.Equal(200, SoakAccounting.CoreMsPerThousandEvents(2, 10_000));
        Assert.Equal(70, SoakAccounting.CoreMsPerThousandEvents(42, 600_000)!.Value, 6);
        Assert.Null(SoakAccounting.CoreMsPerThousandEvents(1, 0));
    }

    [Fact]
    public void Cpu_is_counted_between_the_first_and_the_last_sample_inside_the_window()
    {
        CpuSample[] samples = [new(0, 1), new(2 * S, 3), new(5 * S, 7.5), new(9 * S, 9), new(20 * S, 30)];

        Assert.Equal(new CpuSpan(2 * S, 9 * S, 6), SoakAccounting.CpuOver(samples, 1 * S, 10 * S));
        Assert.Null(SoakAccounting.CpuOver(samples, 3 * S, 6 * S));
        // A counter that went back is a restarted process: that span says nothing.
        Assert.Null(SoakAccounting.CpuOver([new(0, 5), new(S, 1)], 0, S));
    }

    [Fact]
    public void Durable_events_are_the_measured_ones_accepted_and_answered_within_the_window()
    {
        SentEvent Sent(long answeredS, EventOutcome outcome = EventOutcome.Accepted, bool measured = true) =>
            new("e", "c", "page.viewed", null, 0, answeredS * S, measured, outcome);
        SentEvent[] events =
        [
            Sent(1), Sent(2), Sent(3), Sent(4), Sent(2, measured: false), Sent(2, EventOutcome.Duplicate), Sent(2, EventOutcome.Rejected),
            Sent(0, EventOutcome.Failed),
        ];

        Assert.Equal(2, SoakAccounting.DurableBetween(events, 2 * S, 3 * S));
    }

    [Fact]
    public void Gc_pauses_sum_each_nodes_growth_and_the_most_in_one_interval()
    {
        RuntimeSample Gc(string node, long atS, double? pauseS) => new(node, atS * S, pauseS, null);
        var gc = SoakAccounting.GcPauses(
            [Gc("a", 0, 1.000), Gc("a", 1, 1.010), Gc("a", 2, 1.130), Gc("a", 3, 1.130), Gc("b", 1, 0.5), Gc("b", 2, 0.54), Gc("b", 9, 9), Gc("c", 1, null)],
            0, 3 * S)!.Value;

        Assert.Equal(170, gc.TotalMs, 6);
        Assert.Equal(120, gc.MaxInOneIntervalMs, 6);
        Assert.Null(SoakAccounting.GcPauses([Gc("a", 1, null), Gc("a", 2, null)], 0, 3 * S));
    }

    [Fact]
    public void The_thread_pool_queue_gives_its_largest_reading_and_the_nearest_rank_p99()
    {
        var samples = Enumerable.Range(1, 200).Select(i => new RuntimeSample("a", i * S, null, i <= 198 ? i % 10 : 500 + i)).ToArray();

        // Two spikes in 200 readings stay above the p99.
        Assert.Equal((700.0, 9.0), SoakAccounting.ThreadPoolQueue(samples, 0, 300 * S));
        Assert.Equal((0.0, 0.0), SoakAccounting.ThreadPoolQueue(samples, 10 * S, 10 * S));
        Assert.Null(SoakAccounting.ThreadPoolQueue([new("a", S, 0.1, null)], 0, 2 * S));
    }
}
