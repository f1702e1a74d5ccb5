using PrivateDomainGrains.Abstractions.Tenants;

namespace PrivateDomainGrains.Abstractions.Customers;

/// <summary>
/// What the engine would do for one customer with a playbook (<see cref="ICustomerGrain.DryRunAsync"/>): either every
/// reason the candidate playbook is invalid (as a PUT reports them, by JSON path of the playbook), or the decision.
/// Nothing of it was stored or sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.PlaybookDryRun")]
public sealed record PlaybookDryRun(
    [property: Id(0)] PlaybookValidationError[] Errors,
    [property: Id(1)] DryRunDecision? Decision);

/// <summary>One decision the engine made on a copy of the customer.</summary>
/// <param name="PlaybookVersion">The version decided with: the current one, or the next number for a candidate.</param>
/// <param name="Candidate">True when decided with a candidate playbook rather than the stored one.</param>
/// <param name="At">The decision's clock: now.</param>
/// <param name="Input"><c>timer</c> (whatever is due now) or the event type decided on.</param>
/// <param name="TagsAdded">Tags the playbook's keywords and rules would add.</param>
/// <param name="Tier">The tier change (<c>Prospect</c>, <c>FirstPurchase</c>...), null when the tier stays.</param>
/// <param name="Candidates">Every nudge considered, the chosen one first, then by score, each with its verdict.</param>
/// <param name="Closed">Open nudges the decision would close (done by the owner's action, obsolete, expired).</param>
/// <param name="NextDueAt">When the customer would be woken next; null when nothing is pending.</param>
[GenerateSerializer, Immutable, Alias("pdg.DryRunDecision")]
public sealed record DryRunDecision(
    [property: Id(0)] int PlaybookVersion,
    [property: Id(1)] bool Candidate,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Input,
    [property: Id(4)] string[] TagsAdded,
    [property: Id(5)] string[] TagsRemoved,
    [property: Id(6)] DryRunField[] FieldsSet,
    [property: Id(7)] DryRunTierChange? Tier,
    [property: Id(8)] DryRunSequenceMove[] Sequences,
    [property: Id(9)] DryRunCandidate[] Candidates,
    [property: Id(10)] DryRunClosedNudge[] Closed,
    [property: Id(11)] DateTimeOffset? NextDueAt,
    [property: Id(12)] DryRunOwnerChange? Owner);

/// <param name="Value">Null: the field would be cleared.</param>
[GenerateSerializer, Immutable, Alias("pdg.DryRunField")]
public sealed record DryRunField([property: Id(0)] string Name, [property: Id(1)] string? Value);

[GenerateSerializer, Immutable, Alias("pdg.DryRunTierChange")]
public sealed record DryRunTierChange([property: Id(0)] string From, [property: Id(1)] string To);

/// <param name="From">Null: the customer had no owner.</param>
[GenerateSerializer, Immutable, Alias("pdg.DryRunOwnerChange")]
public sealed record DryRunOwnerChange([property: Id(0)] string? From, [property: Id(1)] string To);

/// <param name="Kind"><c>Started</c>, <c>StepRaised</c>, <c>StepSkipped</c>, <c>Completed</c>, <c>Exited</c> or <c>Stopped</c>.</param>
/// <param name="Why">The engine's reason, as the timeline shows it.</param>
[GenerateSerializer, Immutable, Alias("pdg.DryRunSequenceMove")]
public sealed record DryRunSequenceMove(
    [property: Id(0)] string Sequence,
    [property: Id(1)] string? Step,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Why);

/// <summary>One nudge the engine considered and its verdict.</summary>
/// <param name="Rule">The rule id, or <c>sequence/step</c> for an SOP step.</param>
/// <param name="Trigger">What fired it (<c>event:message.received</c>, <c>timer</c>...).</param>
/// <param name="Score">propensity x value x context x lever.</param>
/// <param name="Verdict"><c>Raised</c>, <c>Held</c> (until <see cref="HoldUntil"/>) or <c>Suppressed</c>.</param>
/// <param name="Policy">What held or suppressed it: the contact policy's reason (cap, quiet hours...), null when raised.</param>
/// <param name="Chosen">The next-best-action: the best-scored raised nudge.</param>
/// <param name="To">The staff member it would go to when not the owner.</param>
/// <param name="Variant">The variant under test the customer would get, <c>holdout</c> when held out.</param>
/// <param name="Explanation">The "why this" text a raised nudge carries to the console.</param>
[GenerateSerializer, Immutable, Alias("pdg.DryRunCandidate")]
public sealed record DryRunCandidate(
    [property: Id(0)] string Rule,
    [property: Id(1)] string Trigger,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string Text,
    [property: Id(5)] double Score,
    [property: Id(6)] double Propensity,
    [property: Id(7)] double Value,
    [property: Id(8)] double Context,
    [property: Id(9)] double Lever,
    [property: Id(10)] string Verdict,
    [property: Id(11)] string? Policy,
    [property: Id(12)] DateTimeOffset? HoldUntil,
    [property: Id(13)] bool Chosen,
    [property: Id(14)] string? To,
    [property: Id(15)] string? Variant,
    [property: Id(16)] string Explanation);

/// <param name="How">How it would close (<c>done-by-action</c>, <c>obsolete</c>, <c>expired</c>...).</param>
[GenerateSerializer, Immutable, Alias("pdg.DryRunClosedNudge")]
public sealed record DryRunClosedNudge([property: Id(0)] string NudgeId, [property: Id(1)] string How);
