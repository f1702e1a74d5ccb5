using System.Runtime.CompilerServices;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// The outcome of one <see cref="DecisionEngine.Decide"/>: the nudges to raise and hold, every alternative with its
/// score and the policy that stopped it, the profile changes made, and when to wake the customer up next.
/// The profile (including <see cref="EngineState"/>) has already been updated; the grain persists it and publishes.
/// </summary>
public sealed class Decision
{
    /// <summary>Every nudge considered, chosen first, then by score.</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }
    /// <summary>The next-best-action: the best-scored raised nudge.</summary>
    public Candidate? Chosen { get; init; }
    public required IReadOnlyList<string> TagsAdded { get; init; }
    public required IReadOnlyList<string> TagsRemoved { get; init; }
    /// <summary>
    /// The removed tags an exclusive group displaced, each with the tag whose adding displaced it: the removal is that
    /// add's doing (by hand, a tag job, a rule), and is attributed as the add is.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Displaced { get; init; } = [];
    /// <summary>Fields set by rules; a null value means cleared.</summary>
    public required IReadOnlyList<KeyValuePair<string, string?>> FieldsSet { get; init; }
    public required IReadOnlyList<SequenceMove> SequenceMoves { get; init; }
    public TierChange? TierChange { get; init; }
    /// <summary>The owner the default rule chose anew (a first follower, or one heard of late who came first); the open nudges addressed to the owner follow.</summary>
    public OwnerChange? OwnerChange { get; init; }
    /// <summary>Outcomes for the tenant's propensity model (forward them to the tenant grain).</summary>
    public required IReadOnlyList<LearningSignal> Signals { get; init; }
    /// <summary>Nudges this decision closed because they no longer apply (done by the owner's action, obsolete, expired).</summary>
    public IReadOnlyList<ClosedNudge> Closed { get; init; } = [];
    /// <summary>Replies and orders credited to the nudge that led to them.</summary>
    public IReadOnlyList<NudgeCredit> Credits { get; init; } = [];
    /// <summary>Replies and orders within the window after nudges were raised, acted on or not (for variant and holdout tests).</summary>
    public IReadOnlyList<NudgeCredit> Conversions { get; init; } = [];
    /// <summary>When to call the engine again with <see cref="EngineInput.Timer"/>; null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    public IEnumerable<Candidate> RunnerUps => Candidates.Where(c => !ReferenceEquals(c, Chosen));
    public IEnumerable<Candidate> Raised => Candidates.Where(c => c.Verdict == Verdict.Raised);
    public IEnumerable<Candidate> Held => Candidates.Where(c => c.Verdict == Verdict.Held);
    public IReadOnlyList<NudgeDraft> Nudges => [.. Raised.Select(c => c.Nudge.ToDraft())];

    /// <summary>
    /// The most nudges one decision plans from rules: a rule fired after that many were planned raises none (its tag,
    /// field and SOP actions still run). A playbook sent now has at most <see cref="PlaybookValidator.MaxNudgesPerTrigger"/>
    /// on one trigger; this bounds one stored before that rule, and tag rules cascading from one event, so that no
    /// event costs more than this many nudges planned, judged and explained.
    /// </summary>
    public const int MaxCandidates = 5 * PlaybookValidator.MaxNudgesPerTrigger;

    /// <summary>
    /// The most reactive nudges (answers, alerts: not arbitrated, see <see cref="Arbitration"/>) one decision raises,
    /// in the order planned; later ones are suppressed. A customer keeps at most <see cref="EngineState.OpenNudgeLimit"/>
    /// open nudges, and a console shown more answers at once than one rule may carry (<see cref="PlaybookValidator.MaxActions"/>)
    /// is flooded, not served.
    /// </summary>
    public const int MaxReactiveRaised = PlaybookValidator.MaxActions;

    /// <summary>
    /// The most alternatives an explanation lists, the best scored (candidates are in that order), then "and N more":
    /// every raised nudge carries one, so listing them all made a decision's cost and its stored texts grow with the
    /// square of its candidates.
    /// </summary>
    public const int MaxAlternativesExplained = 10;

    /// <summary>
    /// Why <paramref name="raised"/>: its rule, trigger and score, then the best scored <see cref="MaxAlternativesExplained"/>
    /// alternatives and what stopped each, then how many more there were ("and 12 more").
    /// </summary>
    public string Explain(Candidate raised) => Explain(Candidates, raised);

    internal static string Explain(IReadOnlyList<Candidate> candidates, Candidate raised)
    {
        var formats = ExplainFormats.ForOneExplanation();
        // Sized for the usual line (~130 chars) up front: growing a pooled buffer copies it at every doubling.
        var text = new DefaultInterpolatedStringHandler(Math.Min(candidates.Count, MaxAlternativesExplained + 2) * 160, 0);
        raised.AppendExplanation(ref text, formats);
        var listed = 0;
        // Indexed: a foreach over an IReadOnlyList allocates its enumerator.
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (ReferenceEquals(c, raised) || listed++ >= MaxAlternativesExplained) continue;
            text.AppendLiteral("\nvs ");
            c.AppendExplanation(ref text, formats);
        }
        if (listed > MaxAlternativesExplained)
        {
            text.AppendLiteral("\nand ");
            text.AppendFormatted(listed - MaxAlternativesExplained);
            text.AppendLiteral(" more");
        }
        return text.ToStringAndClear();
    }
}

public enum Verdict { Raised, Held, Suppressed }

/// <summary>score = propensity x value x context x lever.</summary>
public readonly record struct Score(double Propensity, double Value, double Context, double Lever)
{
    public double Total => Propensity * Value * Context * Lever;

    public override string ToString()
    {
        var text = new DefaultInterpolatedStringHandler(0, 0);
        AppendTo(ref text, null);
        return text.ToStringAndClear();
    }

    /// <summary>Value, context and lever repeat across a decision's candidates: <paramref name="formats"/> formats each once.</summary>
    internal void AppendTo(ref DefaultInterpolatedStringHandler text, ExplainFormats? formats)
    {
        ExplainFormats.AppendNumber(ref text, null, Total);
        text.AppendLiteral(" = propensity ");
        ExplainFormats.AppendNumber(ref text, null, Propensity);
        text.AppendLiteral(" x value ");
        ExplainFormats.AppendNumber(ref text, formats, Value);
        text.AppendLiteral(" x context ");
        ExplainFormats.AppendNumber(ref text, formats, Context);
        text.AppendLiteral(" x lever ");
        ExplainFormats.AppendNumber(ref text, formats, Lever);
    }
}

/// <summary>One nudge the engine considered, with why it was raised, held or suppressed.</summary>
public sealed record Candidate(PlannedNudge Nudge, Score Score, Verdict Verdict, string? Policy, DateTimeOffset? HoldUntil)
{
    public string Explain()
    {
        var text = new DefaultInterpolatedStringHandler(0, 0);
        AppendExplanation(ref text, null);
        return text.ToStringAndClear();
    }

    internal void AppendExplanation(ref DefaultInterpolatedStringHandler text, ExplainFormats? formats)
    {
        text.AppendFormatted(Nudge.Source);
        text.AppendLiteral(" (");
        text.AppendFormatted(Nudge.Trigger);
        text.AppendLiteral("): score ");
        Score.AppendTo(ref text, formats);
        text.AppendLiteral("; ");
        switch (Verdict)
        {
            case Verdict.Raised:
                text.AppendLiteral("raised");
                break;
            case Verdict.Held:
                text.AppendLiteral("held until ");
                ExplainFormats.AppendTime(ref text, formats, HoldUntil);
                text.AppendLiteral(" by ");
                text.AppendFormatted(Policy);
                break;
            default:
                text.AppendLiteral("suppressed by ");
                text.AppendFormatted(Policy);
                break;
        }
    }
}

public enum SequenceMoveKind { Started, StepRaised, StepSkipped, Completed, Exited, Stopped }

public sealed record SequenceMove(string Sequence, string? Step, SequenceMoveKind Kind, string Why);

public sealed record TierChange(CustomerTier From, CustomerTier To);

/// <summary>The owner changed from <see cref="From"/> (null: none) to <see cref="To"/>.</summary>
public sealed record OwnerChange(string? From, string To);
