using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class TenantMergeTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    private static SentEvent Sent(string id, long dueMs) =>
        new(id, "c-0", "message.received", "staff-0", dueMs * Ms, (dueMs + 5) * Ms, true, EventOutcome.Accepted);

    private static NudgeArrival Arrival(string eventId, string staff, int console, long atMs) =>
        new($"n-{eventId}", eventId, "reply", staff, staff, console, atMs * Ms, "c-0");

    /// <summary>Two tenants with the same ids: each has customer c-0 owned by staff-0, and event e0 nudging its console 0.</summary>
    private static readonly TenantRecord[] Twins =
    [
        new([Sent("e0", 0), Sent("e1", 20)], new Dictionary<string, string> { ["c-0"] = "staff-0" }, new HashSet<string> { "staff-0" },
            [Arrival("e0", "staff-0", 0, 30)], 2),
        new([Sent("e0", 10)], new Dictionary<string, string> { ["c-0"] = "staff-0" }, new HashSet<string> { "staff-0" },
            [Arrival("e0", "staff-0", 0, 25)], 1),
    ];

    [Fact]
    public void Tenants_with_the_same_ids_stay_apart_after_the_merge()
    {
        var merged = TenantMerge.Merge(Twins);

        Assert.Equal(["t0/e0", "t1/e0", "t0/e1"], merged.Events.Select(e => e.EventId));
        Assert.Equal(["t0/c-0", "t1/c-0", "t0/c-0"], merged.Events.Select(e => e.CustomerId));
        Assert.Equal(new Dictionary<string, string> { ["t0/c-0"] = "t0/staff-0", ["t1/c-0"] = "t1/staff-0" }, merged.Owners);
        Assert.Equal(["t0/staff-0", "t1/staff-0"], merged.StaffWithConsoles.Order());
        // Arrivals by time; the second tenant's consoles are numbered after the first tenant's two.
        Assert.Equal([("t1/e0", "t1/staff-0", 2), ("t0/e0", "t0/staff-0", 0)], merged.Arrivals.Select(a => (a.EventId!, a.ConsoleStaffId, a.ConsoleIndex)));
    }

    [Fact]
    public void The_merged_run_reconciles_each_tenants_nudge_to_its_own_event_and_counts_the_missing_one_lost()
    {
        var merged = TenantMerge.Merge(Twins);

        var nudges = NudgeReconciler.Reconcile(merged.Events, merged.Owners, merged.StaffWithConsoles, merged.Arrivals);

        Assert.Equal((3L, 2L, 1L, 0L, 0L), (nudges.Expected, nudges.Received, nudges.Lost, nudges.Duplicates, nudges.Misrouted));
        Assert.Equal(["t0/e1"], nudges.LostSample);
    }
}
