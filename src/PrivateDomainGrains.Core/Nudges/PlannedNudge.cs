using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Nudges;

/// <summary>
/// A nudge the engine wants to raise, rendered and addressed. <see cref="Source"/> is the rule id, or
/// <c>sequence/step</c> for SOP steps: the unit learning and dismissal suppression count by. JSON names are the
/// storage contract (held nudges are persisted in the customer's <c>EngineState</c>).
/// </summary>
public sealed record PlannedNudge(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("suggested")] string? Suggested,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("proactive")] bool Proactive,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("lever")] double Lever)
{
    /// <summary>Event types by which the owner does it without the console (closes it as done-by-action).</summary>
    [JsonPropertyName("doneOn")] public string[]? DoneOn { get; init; }
    /// <summary>How long it stays open unanswered; null: the playbook's default.</summary>
    [JsonPropertyName("expiresAfter")] public TimeSpan? ExpiresAfter { get; init; }
    /// <summary>The variant under test this customer was assigned, <c>holdout</c> when held out, null when not under test.</summary>
    [JsonPropertyName("variant")] public string? Variant { get; init; }

    /// <summary>The staff member it goes to when not the owner (an action addressed to the event's staff); null: the owner.</summary>
    [JsonPropertyName("to")] public string? To { get; init; }
    /// <summary>
    /// When it would have been raised had every event arrived in order: the triggering event's time, or the time a
    /// timer or SOP step fell due. Only what happens after it can do or obsolete it.
    /// </summary>
    [JsonPropertyName("since")] public DateTimeOffset Since { get; init; }
    /// <summary>Held out: the decision is recorded, the nudge is never shown.</summary>
    [JsonIgnore] public bool HeldOut => Variant == NudgeClosings.Holdout;

    public NudgeDraft ToDraft() => new(Id, Kind, Title, Text, Reason, Priority);
}
