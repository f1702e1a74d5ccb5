using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Scheduling;

/// <summary>
/// When a customer's time-triggered rules next fall due. Pure: everything needed (event times, fired occurrences,
/// fields, zone) is in the profile, so the grain can persist only the resulting due time in its shared index.
/// </summary>
public static class TimerSchedule
{
    /// <summary>A yearly occurrence missed by more than this (the grain was down) is skipped rather than sent late.</summary>
    public static readonly TimeSpan AnnualGrace = TimeSpan.FromDays(1);

    /// <summary>
    /// One pending occurrence of a timer rule: due at <paramref name="Due"/>; <paramref name="Anchor"/> is recorded in
    /// <c>EngineState.Fired</c> once it fires, and <see cref="Key"/> makes its nudge ids deterministic.
    /// </summary>
    public readonly record struct Occurrence(string RuleId, DateTimeOffset Due, DateTimeOffset Anchor)
    {
        public string Key => $"timer:{RuleId}:{Anchor.UtcTicks}";
    }

    public static Occurrence? Next(CompiledRule rule, CustomerProfile c, TimeZoneInfo zone, DateTimeOffset now)
    {
        var fired = c.Engine.FiredFor(rule.Id);
        switch (rule.Trigger.Kind)
        {
            case TriggerKinds.After:
            {
                var type = rule.Trigger.Event!;
                var anchor = rule.Trigger.Anchor == "first" ? c.Engine.FirstTime(type) : c.Engine.LastTime(type);
                if (anchor is not { } a || fired == a) return null;
                if (rule.Trigger.Unless is { } unless && c.Engine.LastTime(unless) > a) return null;
                return new Occurrence(rule.Id, Instants.Plus(a, rule.Delay), a);
            }
            case TriggerKinds.Inactive:
            {
                if (c.LastInteractionAt is not { } a || fired == a) return null;
                return new Occurrence(rule.Id, Instants.Plus(a, rule.Delay), a);
            }
            case TriggerKinds.Annual:
            {
                if (!AnnualDates.TryParseMonthDay(c.Engine.Field(rule.Trigger.Field!), out var month, out var day)) return null;
                var from = now - AnnualGrace;
                if (fired is { } f && f >= from) from = Instants.Plus(f, TimeSpan.FromTicks(1));
                var due = AnnualDates.NextOccurrence(month, day, rule.At, zone, from);
                return new Occurrence(rule.Id, due, due);
            }
            default:
                return null;
        }
    }
}
