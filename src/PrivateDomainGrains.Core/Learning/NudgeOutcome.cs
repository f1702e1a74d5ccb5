namespace PrivateDomainGrains.Core.Learning;

/// <summary>What came of a nudge. Persisted by name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<NudgeOutcome>))]
public enum NudgeOutcome
{
    /// <summary>The owner did what the nudge suggested.</summary>
    Acted,
    /// <summary>The owner dismissed it.</summary>
    Dismissed,
    /// <summary>It expired untouched.</summary>
    Ignored,
    /// <summary>The customer replied within the attribution window.</summary>
    Replied,
    /// <summary>The customer ordered within the attribution window.</summary>
    Ordered,
}

public static class NudgeOutcomes
{
    public static bool IsSuccess(this NudgeOutcome o) => o is NudgeOutcome.Acted or NudgeOutcome.Replied or NudgeOutcome.Ordered;
}

/// <summary>An outcome for the tenant's <see cref="PropensityModel"/>: the customer grain reports it, the tenant grain records it.</summary>
public sealed record LearningSignal(string Action, string Segment, NudgeOutcome Outcome, string NudgeId);
