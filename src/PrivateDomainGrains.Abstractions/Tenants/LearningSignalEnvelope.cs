namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>
/// A nudge outcome on the wire: the action (rule or SOP step) that raised the nudge, the customer's segment,
/// the outcome by name (Acted, Dismissed, Ignored, Replied, Ordered) and the nudge id.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.LearningSignalEnvelope")]
public sealed record LearningSignalEnvelope(
    [property: Id(0)] string Action,
    [property: Id(1)] string Segment,
    [property: Id(2)] string Outcome,
    [property: Id(3)] string NudgeId);
