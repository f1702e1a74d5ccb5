using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>
/// Retention of the customers reached (section <c>Retention:CustomersReached</c>): how many raised days of them are kept,
/// every tenant's, and how often a node drops older ones (<see cref="ReachRetentionService"/>). The execution rollups
/// themselves (a row per day, staff member, rule and variant) are kept for ever; these grow with the nudges acted on.
/// </summary>
public sealed class ReachRetentionOptions : IValidatableObject
{
    public const string Section = "Retention:CustomersReached";

    /// <summary>Raised days kept, today's included: 400 keeps a full year's report (366 days) for a month after it ends.</summary>
    [Range(1, 36500)] public int Days { get; set; } = 400;

    /// <summary>How often a node drops the days that fell out (the first pass shortly after it starts).</summary>
    public TimeSpan PassEvery { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Rows deleted per transaction; each holds the rollups' fold back for that long.</summary>
    [Range(100, 1_000_000)] public int BatchSize { get; set; } = 10_000;

    /// <summary>Between recording the first day kept and deleting before it: reports read when the cutoff moved see it first.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PassEvery <= TimeSpan.Zero) yield return new ValidationResult($"{Section}:{nameof(PassEvery)} must be positive", [nameof(PassEvery)]);
        if (Grace < TimeSpan.Zero) yield return new ValidationResult($"{Section}:{nameof(Grace)} must not be negative", [nameof(Grace)]);
    }
}
