using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// What came of the nudges a customer was sent, by one rule applied everywhere (reports and learning):
/// <list type="bullet">
/// <item>the owner's response: Done is a success of the nudge's action, Not useful a failure (and counts towards
/// suppressing the action for this customer);</item>
/// <item>a customer's reply or order within the attribution window after a nudge was acted on credits that nudge —
/// the most recent acted-on one — once per kind of outcome: a success for its action, with the order's amount and
/// currency for the reports. A reply to a nudge nobody acted on credits nobody.</item>
/// </list>
/// Unanswered nudges teach failure when they expire (<see cref="NudgeLifecycle"/>).
/// </summary>
internal static class Attribution
{
    /// <summary>The owner's response to one of the customer's nudges (the console closed it already).</summary>
    public static void Respond(CustomerProfile customer, OutcomeInput o, DateTimeOffset at, List<LearningSignal> signals)
    {
        var state = customer.Engine;
        var sent = state.RecentNudges?.Find(n => n.Is(o.NudgeId));
        if (sent is null) return;
        sent.Open = false;
        if (customer.NextBestAction is { } nba && sent.Is(nba.NudgeId)) customer.NextBestAction = null;
        if (o.Outcome == NudgeOutcome.Acted) sent.ActedAt ??= at;
        if (o.Outcome == NudgeOutcome.Dismissed)
        {
            state.Dismissals ??= new(StringComparer.Ordinal);
            state.Dismissals[sent.Source] = state.DismissalsOf(sent.Source) + 1;
        }
        signals.Add(new LearningSignal(sent.Source, sent.Segment, o.Outcome, sent.Id));
    }

    /// <summary>
    /// A reply or an order credited to the most recent nudge acted on within the window before it, once; and, for the
    /// tests of variants against holdouts, counted as a conversion of every nudge raised within the window before it
    /// (acted on or not, shown or held out), once each (intention to treat).
    /// </summary>
    public static void Credit(EngineState state, CustomerEvent e, TimeSpan window, List<LearningSignal> signals, List<NudgeCredit> credits,
        List<NudgeCredit> conversions)
    {
        NudgeOutcome outcome;
        SentNudge.Credit flag;
        if (e.Type == EventTypes.MessageReceived) (outcome, flag) = (NudgeOutcome.Replied, SentNudge.Credit.Reply);
        else if (e.Type == EventTypes.OrderPaid) (outcome, flag) = (NudgeOutcome.Ordered, SentNudge.Credit.Order);
        else return;
        foreach (var sent in state.RecentNudges ?? [])
        {
            if (sent.Converted.HasFlag(flag) || e.At < sent.At || e.At - sent.At > window) continue;
            sent.Converted |= flag;
            conversions.Add(Of(sent, outcome, e));
        }
        SentNudge? latest = null;
        foreach (var sent in state.RecentNudges ?? [])
        {
            if (sent.ActedAt is not { } acted || e.At < acted || e.At - acted > window) continue;
            if (latest is null || acted >= latest.ActedAt) latest = sent;
        }
        if (latest is null || latest.Credits.HasFlag(flag)) return;
        latest.Credits |= flag;
        signals.Add(new LearningSignal(latest.Source, latest.Segment, outcome, latest.Id));
        credits.Add(Of(latest, outcome, e));
    }

    private static NudgeCredit Of(SentNudge sent, NudgeOutcome outcome, CustomerEvent e) => outcome == NudgeOutcome.Ordered
        ? new NudgeCredit(sent.Id, outcome, e.At, Amount(e), e.DataValue("currency"))
        : new NudgeCredit(sent.Id, outcome, e.At, null, null);

    private static decimal? Amount(CustomerEvent e) =>
        e.DataValue("amount") is { } text && EventValidator.TryParseAmount(text, out var amount) ? amount : null;
}
