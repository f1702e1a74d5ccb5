using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.Campaigns;

/// <summary>How a campaign pages through its segment and how many members it reaches at once.</summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaigns";

    /// <summary>Members read per page (at most the segment listing's 500); counts and the cursor are saved after each page.</summary>
    [Range(1, 500)] public int PageSize { get; set; } = 500;

    /// <summary>Customers being reached at once: bounds the activations and writes one campaign adds to live traffic.</summary>
    [Range(1, 1_000)] public int MaxConcurrentReaches { get; set; } = 32;
}
