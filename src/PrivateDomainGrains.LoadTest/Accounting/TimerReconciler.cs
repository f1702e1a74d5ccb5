using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// Matches the consoles' timer nudges to the customers the timers preset made due. A timer nudge has no event, so
/// it is matched by customer id and kind; lag runs from the customer's planned due time. Pure, like
/// <see cref="NudgeReconciler"/>.
/// </summary>
public static class TimerReconciler
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(60);

    /// <param name="provisionedOwners">Customer id to owner, for every customer whose friend.added was acknowledged.</param>
    /// <param name="ticksOf">Converts a wall-clock time to the run clock the arrivals were timed on.</param>
    public static TimerReconciliation Reconcile(
        TimerPlan plan,
        IReadOnlyDictionary<string, string> provisionedOwners,
        IReadOnlySet<string> staffWithConsoles,
        IReadOnlyList<NudgeArrival> arrivals,
        Func<DateTimeOffset, long> ticksOf)
    {
        var expected = new Dictionary<string, (string Owner, long DueTicks)>(StringComparer.Ordinal);
        long unobserved = 0;
        for (long i = 0; i < plan.Customers; i++)
        {
            var customer = StaffRoster.CustomerId(i);
            if (!provisionedOwners.TryGetValue(customer, out var owner)) continue;
            if (staffWithConsoles.Contains(owner)) expected[customer] = (owner, ticksOf(plan.DueAt(i)));
            else unobserved++;
        }

        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        var consolesSeen = new HashSet<(string Customer, int Console)>();
        long duplicates = 0, misrouted = 0, unexpected = 0;
        foreach (var a in arrivals)
        {
            if (a.Kind != TimerPlan.NudgeKind) continue;
            if (a.CustomerId is null || !expected.TryGetValue(a.CustomerId, out var want)) { unexpected++; continue; }
            if (!string.Equals(a.ConsoleStaffId, want.Owner, StringComparison.Ordinal)) { misrouted++; continue; }
            // Again on the same console: a replay, or the timer fired twice (under another nudge id).
            if (!consolesSeen.Add((a.CustomerId, a.ConsoleIndex))) { duplicates++; continue; }
            if (!first.TryGetValue(a.CustomerId, out var seen) || a.ArrivedTicks < seen) first[a.CustomerId] = a.ArrivedTicks;
        }

        // Keyed by customer id: a customer's timer nudge is what is expected of it.
        var deliveries = first.Select(kv => new NudgeDelivery(kv.Key, kv.Value, kv.Value - expected[kv.Key].DueTicks))
            .OrderBy(d => d.ArrivedTicks).ToArray();
        return new TimerReconciliation
        {
            Expected = expected.Count,
            Received = first.Count,
            Duplicates = duplicates,
            Misrouted = misrouted,
            Unexpected = unexpected,
            Unobserved = unobserved,
            Early = deliveries.Count(d => d.LatencyTicks < 0),
            WithinTarget = deliveries.Count(d => d.LatencyTicks <= Target.Ticks),
            LastArrivalTicks = deliveries.Length == 0 ? null : deliveries[^1].ArrivedTicks,
            Deliveries = deliveries,
            LostSample = expected.Keys.Where(c => !first.ContainsKey(c)).Order(StringComparer.Ordinal).Take(NudgeReconciler.LostSampleSize).ToArray(),
        };
    }
}
