using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Nudges close when they no longer apply, so a staff member's queue holds only what is still worth doing:
/// <list type="bullet">
/// <item>done by action: the owner's own event named in the nudge's <c>doneOn</c> arrived (they replied from their phone);</item>
/// <item>obsolete: the customer was lost, so proactive nudges about them have no one to reach;</item>
/// <item>expired: nobody acted on it within its expiry (<c>expiresAfter</c>, else <c>contactPolicy.nudgeExpiry</c>).</item>
/// </list>
/// Done and Not useful come from the console (<see cref="Attribution.Respond"/>). Each close is one fact for the
/// execution reports and, for learning, one outcome: done is a success, expired a failure (unanswered), obsolete is
/// no one's doing and teaches nothing. The customer's next-best-action never points at a closed nudge.
/// </summary>
internal sealed class NudgeLifecycle(CustomerProfile customer, List<ClosedNudge> closed, List<LearningSignal> signals, DateTimeOffset now)
{
    private readonly EngineState _state = customer.Engine;

    /// <summary>What an event does to the customer's open nudges.</summary>
    public void OnEvent(CustomerEvent e)
    {
        if (_state.RecentNudges is null) return;
        var byOwner = e.StaffId is null || e.StaffId == customer.OwnerStaffId;
        foreach (var n in _state.RecentNudges)
        {
            if (!n.Open) continue;
            if (byOwner && n.DoneOn is { } doneOn && Array.IndexOf(doneOn, e.Type) >= 0)
            {
                Close(n, NudgeClosings.DoneByAction, e.At);
                n.ActedAt = e.At;
                signals.Add(new LearningSignal(n.Source, n.Segment, NudgeOutcome.Acted, n.Id));
            }
            else if (n.Proactive && customer.Status == CustomerStatus.Lost)
                Close(n, NudgeClosings.Obsolete, e.At);
        }
    }

    /// <summary>Closes the open nudges whose expiry has passed; each teaches its action that it went unanswered.</summary>
    public void ExpireDue()
    {
        foreach (var n in _state.RecentNudges ?? [])
        {
            if (!n.Open || n.ExpiresAt is not { } at || at > now) continue;
            Close(n, NudgeClosings.Expired, at);
            signals.Add(new LearningSignal(n.Source, n.Segment, NudgeOutcome.Ignored, n.Id));
        }
    }

    /// <summary>Beyond <see cref="EngineState.OpenNudgeLimit"/> open nudges the oldest are closed as expired.</summary>
    public void CloseBeyondLimit()
    {
        var open = _state.RecentNudges?.Count(n => n.Open) ?? 0;
        foreach (var n in _state.RecentNudges ?? [])
        {
            if (open <= EngineState.OpenNudgeLimit) break;
            if (!n.Open) continue;
            Close(n, NudgeClosings.Expired, now);
            signals.Add(new LearningSignal(n.Source, n.Segment, NudgeOutcome.Ignored, n.Id));
            open--;
        }
    }

    /// <summary>When the next open nudge expires, if any.</summary>
    public static DateTimeOffset? NextExpiry(EngineState state)
    {
        DateTimeOffset? next = null;
        foreach (var n in state.RecentNudges ?? [])
            if (n.Open && n.ExpiresAt is { } at && (next is null || at < next)) next = at;
        return next;
    }

    /// <summary>The nudge as the customer remembers it once raised: open until it closes.</summary>
    /// <summary>A held-out decision is remembered closed: it is never shown, but its customer's replies and orders still count for the test.</summary>
    public static SentNudge Raised(PlannedNudge n, string segment, DateTimeOffset at, TimeSpan defaultExpiry) => new()
    {
        Id = n.Id,
        Source = n.Source,
        Segment = segment,
        At = at,
        Open = !n.HeldOut,
        Proactive = n.Proactive,
        DoneOn = n.DoneOn,
        ExpiresAt = Instants.Plus(at, n.ExpiresAfter ?? defaultExpiry),
    };

    private void Close(SentNudge n, string how, DateTimeOffset at)
    {
        n.Open = false;
        closed.Add(new ClosedNudge(n.Id, how, at));
        if (customer.NextBestAction is { } nba && n.Is(nba.NudgeId)) customer.NextBestAction = null;
    }
}

/// <summary>A nudge the decision closed: its id, how (<see cref="NudgeClosings"/>) and when.</summary>
public sealed record ClosedNudge(string NudgeId, string How, DateTimeOffset At);

/// <summary>
/// A customer's reply or order credited to the nudge whose action led to it (<see cref="Attribution.Credit"/>): for
/// orders with their amount and currency.
/// </summary>
public sealed record NudgeCredit(string NudgeId, NudgeOutcome Outcome, DateTimeOffset At, decimal? Amount, string? Currency);
