using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Nudges close when they no longer apply, so a staff member's queue holds only what is still worth doing:
/// <list type="bullet">
/// <item>done by action: an event named in the nudge's <c>doneOn</c> happened after it (the addressee replied from
/// their phone: a <c>message.sent</c> or <c>friend.added</c> counts when it is theirs or names no one, any other type
/// whoever's it is, e.g. the customer's order);</item>
/// <item>obsolete: the relationship of the staff member it is addressed to by name ended after it (the customer
/// deleted them; a nudge to the owner follows the owner instead), the customer was lost
/// (proactive nudges then have no one to reach), or a late event shows it should never have been raised (the
/// <c>unless</c> event of its timer, the exit event of its SOP, came first);</item>
/// <item>expired: nobody acted on it within its expiry (<c>expiresAfter</c>, else <c>contactPolicy.nudgeExpiry</c>).</item>
/// </list>
/// Every rule compares event times with the time the nudge would have been raised in order
/// (<see cref="SentNudge.From"/>), never arrival, and <see cref="WouldBeClosed"/> applies the same rules to a nudge
/// about to be raised for a late event: in any arrival order the same nudges end up open.
/// Done and Not useful come from the console (<see cref="Attribution.Respond"/>). Each close is one fact for the
/// execution reports; for learning, expired is a failure (unanswered), done waits for the customer's answer within the
/// attribution window (<see cref="Attribution"/>), obsolete is no one's doing and teaches nothing. The customer's next-best-action never points at a closed nudge.
/// </summary>
internal sealed class NudgeLifecycle(List<ClosedNudge> closed, List<LearningSignal> signals)
{
    private CompiledPlaybook _playbook = CompiledPlaybook.Default;
    private CustomerProfile _customer = null!;
    private EngineState _state = null!;
    private DateTimeOffset _now;

    /// <summary>Points this (pooled) lifecycle at one decision: its playbook, customer and time.</summary>
    public void Bind(CompiledPlaybook playbook, CustomerProfile customer, DateTimeOffset now)
    {
        (_playbook, _customer, _state, _now) = (playbook, customer, customer.Engine, now);
        _reasons.Clear();
    }

    /// <summary>What an event, already folded into the profile, does to the customer's open nudges.</summary>
    public void OnEvent(CustomerEvent e)
    {
        if (_state.RecentNudges is null) return;
        var lostAt = _customer.LostAt();
        foreach (var n in _state.RecentNudges)
        {
            if (!n.Open) continue;
            var to = n.To ?? _customer.OwnerStaffId;
            if (n.DoneOn is { } doneOn && Array.IndexOf(doneOn, e.Type) >= 0 && e.At >= n.From && IsBy(e, to))
            {
                // Done by the owner's own action: the attribution window starts, learning waits for the customer.
                Close(n, NudgeClosings.DoneByAction, e.At);
                n.ActedAt = e.At;
            }
            else if (e.Type == EventTypes.FriendDeleted && n.To is not null && e.At > n.From && (string.IsNullOrEmpty(e.StaffId) || e.StaffId == n.To))
                Close(n, NudgeClosings.Obsolete, e.At);
            else if (n.Proactive && lostAt > n.From)
                Close(n, NudgeClosings.Obsolete, e.At);
            else if (Withdrawn(n, e))
                Close(n, NudgeClosings.Obsolete, e.At);
        }
    }

    /// <summary>
    /// Whether a nudge about to be raised would already be closed had every event arrived in order, and how ("already"
    /// and the closing, its policy when suppressed): an event that does or obsoletes it happened after
    /// <see cref="PlannedNudge.Since"/>, or it would have expired by the customer's latest event. Null when it stands.
    /// </summary>
    public string? WouldBeClosed(PlannedNudge n)
    {
        var to = n.To ?? _customer.OwnerStaffId;
        var since = n.Since == default ? _now : n.Since;
        foreach (var type in n.DoneOn ?? [])
        {
            var doneAt = type switch
            {
                EventTypes.MessageSent => Later(_state.LastSentBy(to), _state.LastSentBy(null)),
                EventTypes.FriendAdded => _customer.RelationshipWith(to) is { } r && _customer.IsActive(r) && r.ChangedAt > since ? r.ChangedAt : null,
                _ => _state.LastTime(type),
            };
            // Strictly after: at the same instant arrival order decides, and whatever is folded already arrived first.
            if (doneAt > since) return Reason(ClosingReason.DoneBy, type, doneAt.Value);
        }
        if (n.To is not null && Later(_customer.RelationshipWith(n.To)?.RemovedAt, _customer.AllRemovedAt) is { } removed && removed > since)
            return Reason(ClosingReason.Deleted, n.To, removed);
        if (n.Proactive && _customer.LostAt() is { } lost && lost > since)
            return Reason(ClosingReason.Lost, null, lost);
        var expiresAt = Instants.Plus(since, n.ExpiresAfter ?? _playbook.Contact.NudgeExpiry);
        if (_customer.LastInteractionAt >= expiresAt) return Reason(ClosingReason.Expired, null, expiresAt);
        return null;
    }

    private enum ClosingReason { DoneBy, Deleted, Lost, Expired }

    /// <summary>The most reasons one decision keeps for reuse; more are formatted each time.</summary>
    private const int ReasonMemoLimit = 16;

    /// <summary>
    /// This decision's reasons so far. Its candidates share a few: a decision's timer nudges fell due at a few instants,
    /// and formatting the time anew for each was most of the cost of suppressing them (21 of the 41 candidates of the
    /// decision benchmark's message, two distinct texts).
    /// </summary>
    private readonly List<(ClosingReason Kind, string? Name, DateTimeOffset At, string Text)> _reasons = [];

    /// <summary>
    /// The text of one reason. Times compare as instants, and "u" writes the instant in UTC, so equal keys have equal
    /// texts.
    /// </summary>
    private string Reason(ClosingReason kind, string? name, DateTimeOffset at)
    {
        foreach (var r in _reasons)
            if (r.Kind == kind && r.At == at && string.Equals(r.Name, name, StringComparison.Ordinal)) return r.Text;
        var text = kind switch
        {
            ClosingReason.DoneBy => $"already {NudgeClosings.DoneByAction}: {name} at {at:u}",
            ClosingReason.Deleted => $"already {NudgeClosings.Obsolete}: {name} deleted at {at:u}",
            ClosingReason.Lost => $"already {NudgeClosings.Obsolete}: customer lost at {at:u}",
            _ => $"already {NudgeClosings.Expired} at {at:u}",
        };
        if (_reasons.Count < ReasonMemoLimit) _reasons.Add((kind, name, at, text));
        return text;
    }

    /// <summary>
    /// Closes as obsolete the open step nudges of a SOP that fell due after <paramref name="after"/>: its exit event
    /// came first (in order, the run would have ended before them), or the run restarts from an earlier start.
    /// </summary>
    public void WithdrawSteps(string sequenceId, DateTimeOffset after)
    {
        foreach (var n in _state.RecentNudges ?? [])
            if (n.Open && n.From > after && n.Source.Length > sequenceId.Length && n.Source.StartsWith(sequenceId, StringComparison.Ordinal)
                && n.Source[sequenceId.Length] == '/')
                Close(n, NudgeClosings.Obsolete, _now);
    }

    /// <summary>Closes the open nudges whose expiry has passed; each teaches its action that it went unanswered.</summary>
    public void ExpireDue()
    {
        foreach (var n in _state.RecentNudges ?? [])
        {
            if (!n.Open || n.ExpiresAt is not { } at || at > _now) continue;
            Attribution.Settle(n, NudgeOutcome.Ignored, signals, Close(n, NudgeClosings.Expired, at));
        }
    }

    /// <summary>Beyond <see cref="EngineState.OpenNudgeLimit"/> open nudges the oldest are closed as expired.</summary>
    public void CloseBeyondLimit()
    {
        var open = 0;
        foreach (var n in _state.RecentNudges ?? [])
            if (n.Open) open++;
        foreach (var n in _state.RecentNudges ?? [])
        {
            if (open <= EngineState.OpenNudgeLimit) break;
            if (!n.Open) continue;
            Attribution.Settle(n, NudgeOutcome.Ignored, signals, Close(n, NudgeClosings.Expired, _now));
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

    /// <summary>
    /// The nudge as the customer remembers it once raised: open until it closes. A held-out decision is remembered
    /// closed: it is never shown, but its customer's replies and orders still count for the test.
    /// </summary>
    public static SentNudge Raised(PlannedNudge n, string segment, DateTimeOffset at, TimeSpan defaultExpiry) => new()
    {
        Id = n.Id,
        Source = n.Source,
        Segment = segment,
        At = at,
        Since = n.Since == at || n.Since == default ? null : n.Since,
        To = n.To,
        Open = !n.HeldOut,
        Awaiting = !n.HeldOut,
        Proactive = n.Proactive,
        DoneOn = n.DoneOn,
        ExpiresAt = Instants.Plus(n.Since == default ? at : n.Since, n.ExpiresAfter ?? defaultExpiry),
    };

    /// <summary>
    /// A <c>message.sent</c> or <c>friend.added</c> does a nudge when it is the addressee's or names no one; any other
    /// event type (an order, a page view: the customer's doing) whoever's it is.
    /// </summary>
    private static bool IsBy(CustomerEvent e, string? to) =>
        e.Type is not (EventTypes.MessageSent or EventTypes.FriendAdded) || string.IsNullOrEmpty(e.StaffId) || e.StaffId == to;

    /// <summary>
    /// A timer nudge that a late event shows would never have fired in order: for <c>after X unless Y</c>, a Y dated
    /// between the X it was raised for and the time it fell due; for the latest X (and for <c>inactive</c>, any
    /// interaction), a newer one in that span, which moves the anchor past it; for the first X, an earlier one.
    /// </summary>
    private bool Withdrawn(SentNudge n, CustomerEvent e)
    {
        // Only an event dated before the nudge fell due can withdraw it (a rule's delay is never negative): most come
        // after, and looking every open nudge's rule up for each event was a good part of an event's cost here.
        if (e.At >= n.From) return false;
        if (_playbook.Rule(n.Source) is not { } rule || rule.Trigger.Kind is not (TriggerKinds.After or TriggerKinds.Inactive)) return false;
        var anchor = Instants.Plus(n.From, -rule.Delay);
        var within = e.At > anchor && e.At < n.From;
        if (rule.Trigger.Kind == TriggerKinds.Inactive) return within;
        if (e.Type == rule.Trigger.Unless) return within;
        if (e.Type != rule.Trigger.Event) return false;
        return rule.Trigger.Anchor == "first" ? e.At < anchor : within;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a > b ? a : b;

    /// <returns>The nudge's id, spelled out for the close: its settlement, if any, names it too.</returns>
    private string Close(SentNudge n, string how, DateTimeOffset at)
    {
        n.Open = false;
        // Obsolete (no one's doing) teaches nothing; whoever closes it otherwise settles it first or starts its window.
        if (how == NudgeClosings.Obsolete) n.Awaiting = false;
        var id = n.Id;
        closed.Add(new ClosedNudge(id, how, at));
        if (_customer.NextBestAction is { } nba && n.IsNextBestAction(nba)) _customer.NextBestAction = null;
        return id;
    }
}

/// <summary>A nudge the decision closed: its id, how (<see cref="NudgeClosings"/>) and when.</summary>
public sealed record ClosedNudge(string NudgeId, string How, DateTimeOffset At);

/// <summary>
/// A customer's reply or order credited to the nudge whose action led to it (<see cref="Attribution.Credit"/>): for
/// orders with their amount and currency.
/// </summary>
public sealed record NudgeCredit(string NudgeId, NudgeOutcome Outcome, DateTimeOffset At, decimal? Amount, string? Currency);
