using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// What came of the nudges a customer was sent, by one rule applied everywhere (reports and learning):
/// <list type="bullet">
/// <item>the owner's response: Done starts the nudge's attribution window and is an execution fact for the reports,
/// not a success for the model; Not useful is a failure of the nudge's action (and counts towards suppressing the
/// action for this customer);</item>
/// <item>a customer's reply or order within the attribution window after a nudge was acted on credits that nudge —
/// the most recent acted-on one — once per kind of outcome, with the order's amount and currency for the reports. A
/// reply to a nudge nobody acted on credits nobody.</item>
/// </list>
/// Learning (issue 12) takes one outcome per nudge, the first of: its first credit (a success), Not useful, expiry
/// unanswered (<see cref="NudgeLifecycle"/>), or its attribution window closing after Done with nothing credited
/// (<see cref="SettleUnanswered"/>; failures). A credit that arrives after its nudge was settled (a late event) still
/// counts in the reports.
/// </summary>
internal static class Attribution
{
    /// <summary>The owner's response to one of the customer's nudges (the console closed it already).</summary>
    public static void Respond(CustomerProfile customer, OutcomeInput o, DateTimeOffset at, List<LearningSignal> signals)
    {
        var state = customer.Engine;
        SentNudge? sent = null;
        foreach (var n in state.RecentNudges ?? [])
            if (n.Is(o.NudgeId))
            {
                sent = n;
                break;
            }
        if (sent is null) return;
        sent.Open = false;
        if (customer.NextBestAction is { } nba && sent.IsNextBestAction(nba)) customer.NextBestAction = null;
        if (o.Outcome == NudgeOutcome.Acted) sent.ActedAt ??= at;
        if (o.Outcome == NudgeOutcome.Dismissed)
        {
            state.Dismissals ??= new(StringComparer.Ordinal);
            state.Dismissals[sent.Source] = state.DismissalsOf(sent.Source) + 1;
            Settle(sent, NudgeOutcome.Dismissed, signals);
        }
    }

    /// <summary>The nudge's one outcome for learning, unless it already had it.</summary>
    /// <param name="id">The nudge's id when the caller spelled it out already (a resident nudge keeps it compact).</param>
    public static void Settle(SentNudge sent, NudgeOutcome outcome, List<LearningSignal> signals, string? id = null)
    {
        if (!sent.Awaiting) return;
        sent.Awaiting = false;
        signals.Add(new LearningSignal(sent.Source, sent.Segment, outcome, id ?? sent.Id));
    }

    /// <summary>
    /// Acted-on nudges whose attribution window closed by <paramref name="now"/> with nothing credited teach failure
    /// (<see cref="NudgeOutcome.NoResponse"/>): the customer got the message and did not answer it.
    /// </summary>
    public static void SettleUnanswered(EngineState state, TimeSpan window, DateTimeOffset now, List<LearningSignal> signals)
    {
        foreach (var sent in state.RecentNudges ?? [])
            if (sent.SettlesAt(window) <= now) Settle(sent, NudgeOutcome.NoResponse, signals);
    }

    /// <summary>When the earliest acted-on nudge's attribution window closes unsettled, if any: the customer wakes then.</summary>
    public static DateTimeOffset? NextSettlement(EngineState state, TimeSpan window)
    {
        DateTimeOffset? next = null;
        foreach (var sent in state.RecentNudges ?? [])
            if (sent.SettlesAt(window) is { } at && (next is null || at < next)) next = at;
        return next;
    }

    /// <summary>
    /// A reply or an order credited to the most recent nudge acted on within the window before it, once per kind (the
    /// first credit of a nudge is its success for learning); and, for the
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
        Settle(latest, outcome, signals);
        credits.Add(Of(latest, outcome, e));
    }

    private static NudgeCredit Of(SentNudge sent, NudgeOutcome outcome, CustomerEvent e) => outcome == NudgeOutcome.Ordered
        ? new NudgeCredit(sent.Id, outcome, e.At, Amount(e), e.DataValue("currency"))
        : new NudgeCredit(sent.Id, outcome, e.At, null, null);

    private static decimal? Amount(CustomerEvent e) =>
        e.DataValue("amount") is { } text && EventValidator.TryParseAmount(text, out var amount) ? amount : null;
}
