using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>
/// Retention of closed nudges (section <c>Retention:ClosedNudges</c>): how long after it closed a nudge is kept, and how
/// often and in what batches a node deletes older ones (<see cref="NudgeRetentionService"/>). Open nudges are never
/// deleted; the execution rollups the reports read are kept for ever.
/// </summary>
public sealed class NudgeRetentionOptions : IValidatableObject
{
    public const string Section = "Retention:ClosedNudges";

    /// <summary>The longest a closed nudge may be kept for: a hundred years.</summary>
    private static readonly TimeSpan MaxKeepFor = TimeSpan.FromDays(36500);

    /// <summary>
    /// How long after it closed a nudge is kept (a tenant whose attribution window is longer keeps its nudges that long:
    /// a reply or order may still be credited to them). 400 days keeps a year's nudges in customers' timelines and exports.
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often a node deletes the nudges that fell out (the first pass shortly after it starts).</summary>
    public TimeSpan PassEvery { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Closed nudges gone through per transaction (each deletion a short one, never waiting on a flush's locks).</summary>
    [Range(100, 1_000_000)] public int BatchSize { get; set; } = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeepFor <= TimeSpan.Zero || KeepFor > MaxKeepFor)
            yield return new ValidationResult($"{Section}:{nameof(KeepFor)} must be positive and at most {MaxKeepFor.TotalDays:0} days", [nameof(KeepFor)]);
        if (PassEvery <= TimeSpan.Zero) yield return new ValidationResult($"{Section}:{nameof(PassEvery)} must be positive", [nameof(PassEvery)]);
    }
}
