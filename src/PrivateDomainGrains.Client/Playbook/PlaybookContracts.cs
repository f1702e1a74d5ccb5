using System.Text.Json;

namespace PrivateDomainGrains.Client;

/// <param name="Version">0 is the built-in default until the first PUT.</param>
/// <param name="Playbook">The playbook document (camelCase JSON: rules, sequences, keywords, tiers, contactPolicy).</param>
public sealed record PlaybookResponse(int Version, DateTimeOffset? UpdatedAt, JsonElement Playbook);

public sealed record PlaybookStored(int Version);

/// <param name="Current">The version customers decide with now (0: the built-in default, never in the history).</param>
/// <param name="Versions">Newest first.</param>
public sealed record PlaybookVersionList(int Current, IReadOnlyList<PlaybookVersionSummary> Versions);

/// <param name="StoredBy">Who stored it (<c>admin-key</c>, <c>staff:alice</c>...); null when not known.</param>
/// <param name="RestoredFrom">The version a rollback copied; null for a playbook sent as such.</param>
public sealed record PlaybookVersionSummary(int Version, DateTimeOffset StoredAt, string? StoredBy, int? RestoredFrom);

/// <param name="Playbook">The playbook exactly as that version was stored.</param>
public sealed record PlaybookVersionResponse(int Version, DateTimeOffset StoredAt, string? StoredBy, int? RestoredFrom, JsonElement Playbook);

/// <summary>A dry run: what the engine would do for <paramref name="CustomerId"/> now.</summary>
/// <param name="Playbook">A candidate playbook document; null: the current one.</param>
/// <param name="Event">An event to decide on as if it arrived now; null: whatever is due now.</param>
public sealed record PlaybookDryRunRequest(string CustomerId, JsonElement? Playbook = null, DryRunEvent? Event = null);

/// <summary>The event of a dry run, as <c>PostEvents</c> takes one, without id and customer.</summary>
/// <param name="At">When it happened; null: now.</param>
public sealed record DryRunEvent(string Type, DateTimeOffset? At = null, string? Channel = null, string? StaffId = null, string? Text = null,
    IReadOnlyDictionary<string, string>? Data = null);

/// <summary>What the engine would do; nothing of it was stored or sent.</summary>
/// <param name="PlaybookVersion">The version decided with: the current one, or the next number for a candidate.</param>
/// <param name="Input"><c>timer</c> or the event type decided on.</param>
/// <param name="Tier">The tier change, null when the tier stays.</param>
/// <param name="Candidates">Every nudge considered, the chosen one first, then by score.</param>
/// <param name="NextDueAt">When the customer would be woken next.</param>
public sealed record DryRunDecision(int PlaybookVersion, bool Candidate, DateTimeOffset At, string Input, IReadOnlyList<string> TagsAdded,
    IReadOnlyList<string> TagsRemoved, IReadOnlyList<DryRunField> FieldsSet, DryRunTierChange? Tier, IReadOnlyList<DryRunSequenceMove> Sequences,
    IReadOnlyList<DryRunCandidate> Candidates, IReadOnlyList<DryRunClosedNudge> Closed, DateTimeOffset? NextDueAt, DryRunOwnerChange? Owner);

/// <param name="Value">Null: the field would be cleared.</param>
public sealed record DryRunField(string Name, string? Value);

public sealed record DryRunTierChange(string From, string To);

public sealed record DryRunOwnerChange(string? From, string To);

/// <param name="Kind"><c>Started</c>, <c>StepRaised</c>, <c>StepSkipped</c>, <c>Completed</c>, <c>Exited</c> or <c>Stopped</c>.</param>
public sealed record DryRunSequenceMove(string Sequence, string? Step, string Kind, string Why);

/// <summary>One nudge the engine considered and its verdict.</summary>
/// <param name="Rule">The rule id, or <c>sequence/step</c>.</param>
/// <param name="Score">propensity x value x context x lever.</param>
/// <param name="Verdict"><c>Raised</c>, <c>Held</c> or <c>Suppressed</c>.</param>
/// <param name="Policy">The contact policy's reason for holding or suppressing it (cap, quiet hours...).</param>
/// <param name="Chosen">The next-best-action.</param>
/// <param name="Explanation">The "why this" text a raised nudge carries.</param>
public sealed record DryRunCandidate(string Rule, string Trigger, string Kind, string Title, string Text, double Score, double Propensity,
    double Value, double Context, double Lever, string Verdict, string? Policy, DateTimeOffset? HoldUntil, bool Chosen, string? To, string? Variant,
    string Explanation);

public sealed record DryRunClosedNudge(string NudgeId, string How);
