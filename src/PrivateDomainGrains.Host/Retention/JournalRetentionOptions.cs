using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>Journal retention (section <c>Retention</c>): how often nodes look for tenants whose old events are due to be dropped, and how big a page is.</summary>
public sealed class JournalRetentionOptions : IValidatableObject
{
    public const string Section = "Retention";

    /// <summary>How often an idle node looks for tenants with a pass due or under way.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A tenant's next pass starts this long after its last one finished.</summary>
    public TimeSpan PassEvery { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Customers one page goes through; each page is one transaction (its drop, the customers' records and the pass's cursor).</summary>
    [Range(1, 10_000)] public int PageSize { get; set; } = 500;

    /// <summary>A pause after each page, to spare the database's I/O while a large journal is pruned; zero goes on at once.</summary>
    public TimeSpan PauseBetweenPages { get; set; } = TimeSpan.Zero;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval <= TimeSpan.Zero) yield return new ValidationResult($"{Section}:{nameof(PollInterval)} must be positive", [nameof(PollInterval)]);
        if (PauseBetweenPages < TimeSpan.Zero) yield return new ValidationResult($"{Section}:{nameof(PauseBetweenPages)} must not be negative", [nameof(PauseBetweenPages)]);
        if (PassEvery < TimeSpan.Zero) yield return new ValidationResult($"{Section}:{nameof(PassEvery)} must not be negative", [nameof(PassEvery)]);
    }
}
