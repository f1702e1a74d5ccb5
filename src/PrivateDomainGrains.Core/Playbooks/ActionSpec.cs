namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>What a rule does (see <see cref="ActionKinds"/>). Text fields are templates, see <see cref="Template"/>.</summary>
public sealed class ActionSpec
{
    public string Kind { get; set; } = "";
    /// <summary><c>nudge</c>: the nudge kind shown in the console (e.g. <c>welcome</c>, <c>reply</c>, <c>offer</c>).</summary>
    public string? NudgeKind { get; set; }
    public string? Title { get; set; }
    /// <summary><c>nudge</c>: the script the owner follows.</summary>
    public string? Script { get; set; }
    /// <summary><c>nudge</c>: content the owner can send as is.</summary>
    public string? Suggested { get; set; }
    /// <summary><c>nudge</c>: why, for the explanation; defaults to the rule description.</summary>
    public string? Reason { get; set; }
    /// <summary>
    /// <c>nudge</c>: whether acting on it contacts the customer unprompted. Proactive nudges are subject to contact
    /// caps, quiet hours and the staff cap; reactive ones (answering the customer, alerts) never wait.
    /// </summary>
    public bool Proactive { get; set; } = true;
    /// <summary>
    /// <c>nudge</c>: who it goes to: <c>owner</c> (the default: the staff member responsible for the customer) or
    /// <c>staff</c> (the staff member the triggering event names, e.g. the one a customer just added or deleted, or
    /// whose account received the message; the owner when the event names no one).
    /// </summary>
    public string? To { get; set; }
    /// <summary><c>nudge</c>: the channel to contact on; defaults to the customer's latest channel.</summary>
    public string? Channel { get; set; }
    /// <summary>
    /// <c>nudge</c>: event types by which the owner does what the nudge asks without the console (e.g. <c>message.sent</c>
    /// for a reply): when one arrives from the owner, the nudge closes as done-by-action.
    /// </summary>
    public List<string>? DoneOn { get; set; }
    /// <summary><c>nudge</c>: how long it stays open unanswered before it closes as expired; defaults to <c>contactPolicy.nudgeExpiry</c>.</summary>
    public string? ExpiresAfter { get; set; }
    /// <summary>
    /// <c>nudge</c>: variants under test; each customer is assigned one for good, by a hash of customer and action
    /// (see <see cref="Engine.VariantAssignment"/>), in proportion to the weights.
    /// </summary>
    public List<VariantSpec>? Variants { get; set; }
    /// <summary>
    /// <c>nudge</c>: the share of customers (0 to 0.9) held out: the decision is recorded for them but no nudge is shown,
    /// so the reports can measure the uplift of the nudge over doing nothing.
    /// </summary>
    public double? Holdout { get; set; }
    /// <summary><c>addTag</c> / <c>removeTag</c>.</summary>
    public string? Tag { get; set; }
    /// <summary><c>setField</c>.</summary>
    public string? Field { get; set; }
    /// <summary><c>setField</c>: a template; an empty result clears the field.</summary>
    public string? Value { get; set; }
    /// <summary><c>startSequence</c> / <c>stopSequence</c>.</summary>
    public string? Sequence { get; set; }
}

/// <summary>The addressees a nudge action may name in <see cref="ActionSpec.To"/>.</summary>
public static class NudgeAddressees
{
    public const string Owner = "owner";
    public const string Staff = "staff";
}

public static class ActionKinds
{
    public const string Nudge = "nudge";
    public const string AddTag = "addTag";
    public const string RemoveTag = "removeTag";
    public const string SetField = "setField";
    public const string StartSequence = "startSequence";
    public const string StopSequence = "stopSequence";

    public static readonly IReadOnlyList<string> All = [Nudge, AddTag, RemoveTag, SetField, StartSequence, StopSequence];
}
