using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// What came of the nudges a customer was sent, as learning signals for the tenant's propensity model: the owner's
/// response (Done, Not useful) and the customer's reply or order within the attribution window. Looks only at the
/// nudges the customer's engine state remembers (<see cref="EngineState.RecentNudges"/>).
/// </summary>
internal static class Attribution
{
    /// <summary>The owner's response to one of the customer's nudges; a dismissal also counts towards suppression.</summary>
    public static void Respond(EngineState state, OutcomeInput o, List<LearningSignal> signals)
    {
        var sent = state.RecentNudges?.Find(n => n.Is(o.NudgeId));
        if (sent is null) return;
        if (o.Outcome == NudgeOutcome.Dismissed)
        {
            state.Dismissals ??= new(StringComparer.Ordinal);
            state.Dismissals[sent.Source] = state.DismissalsOf(sent.Source) + 1;
        }
        signals.Add(new LearningSignal(sent.Source, sent.Segment, o.Outcome, sent.Id));
    }

    /// <summary>A reply or order soon after a nudge is credited to it, once.</summary>
    public static void Credit(EngineState state, CustomerEvent e, TimeSpan window, List<LearningSignal> signals)
    {
        NudgeOutcome outcome;
        if (e.Type == EventTypes.MessageReceived) outcome = NudgeOutcome.Replied;
        else if (e.Type == EventTypes.OrderPaid) outcome = NudgeOutcome.Ordered;
        else return;
        foreach (var sent in state.RecentNudges ?? [])
        {
            if (sent.Credited || e.At < sent.At || e.At - sent.At > window) continue;
            sent.Credited = true;
            signals.Add(new LearningSignal(sent.Source, sent.Segment, outcome, sent.Id));
        }
    }
}
