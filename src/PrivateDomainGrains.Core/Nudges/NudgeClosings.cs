namespace PrivateDomainGrains.Core.Nudges;

/// <summary>
/// How a nudge closed: the facts the execution reports count ("was it done, and how well"). Stored by these names.
/// </summary>
public static class NudgeClosings
{
    /// <summary>The staff member clicked Done.</summary>
    public const string Done = "done";
    /// <summary>The staff member clicked Not useful.</summary>
    public const string NotUseful = "not-useful";
    /// <summary>The owner did it without the console: their own event (e.g. <c>message.sent</c>) named in the nudge's <c>doneOn</c> arrived.</summary>
    public const string DoneByAction = "done-by-action";
    /// <summary>It no longer applies: the customer was lost.</summary>
    public const string Obsolete = "obsolete";
    /// <summary>Nobody acted on it before it expired.</summary>
    public const string Expired = "expired";
    /// <summary>Never shown: the customer is held out of the action's test, and the decision recorded for comparison.</summary>
    public const string Holdout = "holdout";

    public static readonly IReadOnlyList<string> All = [Done, NotUseful, DoneByAction, Obsolete, Expired, Holdout];
}
