using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class TimerReconcilerTests
{
    private const long S = TimeSpan.TicksPerSecond;
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Four customers due at Start + 60 s, one every 10 s; the run clock reads 0 at Start.</summary>
    private static readonly TimerPlan Plan = TimerPlan.Create(Start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), customers: 4);

    private static readonly Dictionary<string, string> Owners = new()
    {
        ["c-0"] = "alice", ["c-1"] = "bob", ["c-2"] = "alice", ["c-3"] = "carol",
    };

    private static long Ticks(DateTimeOffset wall) => (wall - Start).Ticks;

    private static NudgeArrival Timer(string customer, string console, int consoleIndex, long arrivedTicks, string kind = TimerPlan.NudgeKind) =>
        new($"n-{customer}", null, kind, console, console, consoleIndex, arrivedTicks, customer);

    private static TimerReconciliation Reconcile(params NudgeArrival[] arrivals) =>
        TimerReconciler.Reconcile(Plan, Owners, new HashSet<string> { "alice", "bob" }, arrivals, Ticks);

    [Fact]
    public void Lag_runs_from_each_customers_own_due_time()
    {
        var r = Reconcile(Timer("c-0", "alice", 0, 61 * S), Timer("c-1", "bob", 1, 75 * S), Timer("c-2", "alice", 0, 140 * S));

        Assert.Equal((3L, 3L, 0L, 1L), (r.Expected, r.Received, r.Lost, r.Unobserved)); // carol has no console
        Assert.Equal([1 * S, 5 * S, 60 * S], r.Deliveries.Select(d => d.LatencyTicks));
        Assert.Equal(3, r.WithinTarget); // exactly 60 s still counts
        Assert.Equal(140 * S, r.LastArrivalTicks);
    }

    [Fact]
    public void Missing_repeated_misrouted_early_and_foreign_nudges_are_told_apart()
    {
        var r = Reconcile(
            Timer("c-0", "alice", 0, 59 * S),          // before its due time
            Timer("c-0", "alice", 0, 62 * S),          // again on the same console
            Timer("c-0", "alice", 2, 62 * S),          // a copy on alice's other console: fine
            Timer("c-1", "alice", 0, 75 * S),          // on someone else's console
            Timer("c-9", "alice", 0, 75 * S),          // not a customer of the run
            Timer("c-2", "alice", 0, 81 * S, "welcome")); // another kind: not a timer nudge

        Assert.Equal((1L, 2L, 1L, 1L, 1L, 1L), (r.Received, r.Lost, r.Duplicates, r.Misrouted, r.Unexpected, r.Early));
        Assert.Equal(["c-1", "c-2"], r.LostSample);
        Assert.Equal(1, r.WithinTarget);
    }
}
