using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>A decision as a dry run reports it (<see cref="DryRunDecision"/>): every candidate with its verdict and explanation.</summary>
public static class DryRuns
{
    public static DryRunDecision Describe(Decision decision, int playbookVersion, bool candidate, DateTimeOffset at, string input) => new(
        playbookVersion, candidate, at, input,
        [.. decision.TagsAdded], [.. decision.TagsRemoved],
        [.. decision.FieldsSet.Select(f => new DryRunField(f.Key, f.Value))],
        decision.TierChange is { } tier ? new DryRunTierChange(tier.From.ToString(), tier.To.ToString()) : null,
        [.. decision.SequenceMoves.Select(m => new DryRunSequenceMove(m.Sequence, m.Step, m.Kind.ToString(), m.Why))],
        [.. decision.Candidates.Select(c => new DryRunCandidate(c.Nudge.Source, c.Nudge.Trigger, c.Nudge.Kind, c.Nudge.Title, c.Nudge.Text,
            c.Score.Total, c.Score.Propensity, c.Score.Value, c.Score.Context, c.Score.Lever, c.Verdict.ToString(), c.Policy, c.HoldUntil,
            ReferenceEquals(c, decision.Chosen), c.Nudge.To, c.Nudge.Variant, decision.Explain(c)))],
        [.. decision.Closed.Select(c => new DryRunClosedNudge(c.NudgeId, c.How))],
        decision.NextDueAt,
        decision.OwnerChange is { } owner ? new DryRunOwnerChange(owner.From, owner.To) : null);
}
