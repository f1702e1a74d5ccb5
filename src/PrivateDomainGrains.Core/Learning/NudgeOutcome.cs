namespace PrivateDomainGrains.Core.Learning;

/// <summary>What came of a nudge. Persisted by name (snapshots, learning signals): add names, never rename.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<NudgeOutcome>))]
public enum NudgeOutcome
{
    /// <summary>The owner did what the nudge suggested: an execution fact for the reports, it teaches the model nothing.</summary>
    Acted,
    /// <summary>The owner dismissed it (Not useful): a failure.</summary>
    Dismissed,
    /// <summary>It expired untouched (nobody acted on it): a failure.</summary>
    Ignored,
    /// <summary>The customer replied within the attribution window after it was acted on, and it was the latest acted-on nudge: a success.</summary>
    Replied,
    /// <summary>The customer ordered within the attribution window after it was acted on, and it was the latest acted-on nudge: a success.</summary>
    Ordered,
    /// <summary>It was acted on, and its attribution window closed with no reply or order credited to it: a failure.</summary>
    NoResponse,
}

/// <summary>
/// How outcomes teach the propensity model (issue 12): a nudge succeeds when the customer answers it (a reply or order
/// credited to it by <c>Attribution</c>); it fails when the owner dismisses it, nobody acts on it before it expires, or
/// it is acted on and nothing is credited to it within the attribution window. The owner's Done alone is no success:
/// learning from it taught the model how often owners click Done, the same for every action.
/// </summary>
public static class NudgeOutcomes
{
    /// <summary>A success for the model: the customer replied or ordered because of the nudge.</summary>
    public static bool IsSuccess(this NudgeOutcome o) => o is NudgeOutcome.Replied or NudgeOutcome.Ordered;

    /// <summary>Whether the outcome teaches the model at all: every outcome but <see cref="NudgeOutcome.Acted"/> does.</summary>
    public static bool Teaches(this NudgeOutcome o) => o != NudgeOutcome.Acted;
}

/// <summary>
/// An outcome for the tenant's <see cref="PropensityModel"/>: the customer grain reports it, the tenant grain records it.
/// The engine makes at most one per nudge (its first success or failure), so each nudge is one trial of its action.
/// </summary>
public sealed record LearningSignal(string Action, string Segment, NudgeOutcome Outcome, string NudgeId);
