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

    private static NodeStatsSample Stat(string node, long atS, double pauseS = 0, double recentMaxS = 0, long queue = 0, long contentions = 0, long allocated = 0) =>
        new(node, atS * S, 0, 0, 0, 0, 2, atS, pauseS, recentMaxS, queue, contentions, allocated);

    [Fact]
    public void Gc_pauses_sum_each_nodes_growth_and_take_the_longest_of_the_per_minute_longest()
    {
        var gc = SoakAccounting.GcPauses(
            [Stat("a", 0, 1.000, 0.300), Stat("a", 1, 1.010, 0.010), Stat("a", 2, 1.130, 0.120), Stat("a", 3, 1.130, 0.120),
             Stat("b", 1, 0.5, 0.02), Stat("b", 2, 0.54, 0.04), Stat("b", 9, 9, 8), Stat("c", 2, 3, 0.9)],
            S, 3 * S)!.Value;

        // a: 120 ms over its readings at 1-3 s (its reading at 0 s, before the window, is left out); b: 40 ms (its reading
        // at 9 s is after it); c, read once, adds no pause time, but its one reading saw the longest pause.
        Assert.Equal(160, gc.TotalMs, 6);
        Assert.Equal(900, gc.LongestMs, 6);
        Assert.Null(SoakAccounting.GcPauses([Stat("a", 4, 0.5, 0.1)], 0, 3 * S));
    }

    [Fact]
    public void A_node_whose_gc_pause_total_went_back_restarted_and_adds_no_pause_time()
    {
        var gc = SoakAccounting.GcPauses([Stat("a", 1, 2.0, 0.05), Stat("a", 2, 0.1, 0.07)], 0, 3 * S)!.Value;

        Assert.Equal((0.0, 70.0), (gc.TotalMs, Math.Round(gc.LongestMs, 6)));
    }

    [Fact]
    public void The_thread_pool_queue_gives_its_largest_reading_and_the_nearest_rank_p99()
    {
        var samples = Enumerable.Range(1, 200).Select(i => Stat("a", i, queue: i <= 198 ? i % 10 : 500 + i)).ToArray();

        // Two spikes in 200 readings stay above the p99.
        Assert.Equal((700.0, 9.0), SoakAccounting.ThreadPoolQueue(samples, 0, 300 * S));
        Assert.Equal((0.0, 0.0), SoakAccounting.ThreadPoolQueue(samples, 10 * S, 10 * S));
        Assert.Null(SoakAccounting.ThreadPoolQueue(samples, 201 * S, 300 * S));
    }

    [Fact]
    public void Lock_contentions_per_second_add_up_each_nodes_rate_over_its_readings_in_the_window()
    {
        // a: 300 more over 2 s = 150/s; b: 40 over 4 s = 10/s; c has one reading in the window; d's total went back (a restart): 0/s.
        var samples = new[]
        {
            Stat("a", 0, contentions: 5_000), Stat("a", 1, contentions: 100), Stat("a", 3, contentions: 400),
            Stat("b", 1, contentions: 0), Stat("b", 5, contentions: 40), Stat("c", 2, contentions: 9_999),
            Stat("d", 1, contentions: 50), Stat("d", 2, contentions: 10),
        };

        Assert.Equal(160, SoakAccounting.LockContentionsPerSecond(samples, S, 5 * S)!.Value, 6);
        Assert.Null(SoakAccounting.LockContentionsPerSecond([Stat("a", 1, contentions: 3)], 0, 5 * S));
    }

    [Fact]
    public void Allocated_bytes_add_up_each_nodes_growth_over_its_readings_in_the_window()
    {
        // a: 7 MB more between its readings at 1 s and 3 s (the one at 0 s is before the window); b: 2 MB between 1 s and 5 s;
        // c has one reading in the window; d's total went back (a restart) and adds nothing.
        var samples = new[]
        {
            Stat("a", 0, allocated: 1_000_000), Stat("a", 1, allocated: 3_000_000), Stat("a", 3, allocated: 10_000_000),
            Stat("b", 1, allocated: 500_000), Stat("b", 5, allocated: 2_500_000), Stat("c", 2, allocated: 99_000_000),
            Stat("d", 1, allocated: 8_000_000), Stat("d", 2, allocated: 1_000),
        };

        Assert.Equal(9_000_000, SoakAccounting.AllocatedBytes(samples, S, 5 * S));
        Assert.Null(SoakAccounting.AllocatedBytes([Stat("a", 1, allocated: 3)], 0, 5 * S));
    }
}
