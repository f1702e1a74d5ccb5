using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Scheduling;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// The next-best-action engine: pure, synchronous, allocation-light. The customer grain calls <see cref="Decide"/>
/// for every event, tag change, nudge outcome and due timer, then persists the profile and acts on the decision.
/// </summary>
public static class DecisionEngine
{
    public static Decision Decide(CompiledPlaybook playbook, CustomerProfile customer, EngineInput input, DecisionContext ctx) =>
        DecisionRun.Decide(playbook, customer, input, ctx);

    /// <summary>
    /// The earliest time anything is pending for the customer: a timer rule, an SOP step, a held nudge, an open nudge
    /// expiring, an acted-on nudge's attribution window closing (its outcome for learning), turning dormant.
    /// The grain keeps it in the shared due-time index and calls <see cref="Decide"/> with <see cref="EngineInput.Timer"/> then.
    /// </summary>
    public static DateTimeOffset? NextDueAt(CompiledPlaybook playbook, CustomerProfile customer, DateTimeOffset now) =>
        NextDueAt(playbook, customer, NextTimerDue(playbook, customer, playbook.ZoneOf(customer), now));

    /// <param name="timersDue">The earliest pending timer occurrence (<see cref="NextTimerDue"/>), already worked out.</param>
    internal static DateTimeOffset? NextDueAt(CompiledPlaybook playbook, CustomerProfile customer, DateTimeOffset? timersDue)
    {
        var next = timersDue;
        foreach (var run in customer.Engine.Sequences ?? [])
            if (playbook.Sequences.TryGetValue(run.Id, out var seq) && run.Step < seq.Steps.Length)
                next = Min(next, Instants.Plus(run.StartedAt, seq.Steps[run.Step].Delay) is var due && due >= run.EndsAt ? run.EndsAt : due);
        foreach (var held in customer.Engine.Held ?? [])
            next = Min(next, held.Until);
        next = Min(next, NudgeLifecycle.NextExpiry(customer.Engine));
        next = Min(next, Attribution.NextSettlement(customer.Engine, playbook.Contact.AttributionWindow));
        return Min(next, playbook.Tiers.DormantAt(customer));
    }

    internal static DateTimeOffset? NextTimerDue(CompiledPlaybook playbook, CustomerProfile customer, TimeZoneInfo zone, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        var timers = playbook.Timers;
        for (var i = 0; i < timers.Count; i++)
            next = Min(next, TimerSchedule.Next(timers[i], customer, zone, now)?.Due);
        return next;
    }

    internal static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
