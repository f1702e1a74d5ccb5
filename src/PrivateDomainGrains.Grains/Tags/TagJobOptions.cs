using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.Tags;

/// <summary>How a tag job pages through its rows and how many customers it changes at once.</summary>
public sealed class TagJobOptions
{
    public const string Section = "TagJobs";

    /// <summary>Rows read per query; results and the cursor are saved after each page.</summary>
    [Range(1, 10_000)] public int PageSize { get; set; } = 500;

    /// <summary>Customers being changed at once: bounds the activations and writes one job adds to live traffic.</summary>
    [Range(1, 1_000)] public int MaxConcurrentChanges { get; set; } = 64;
}
