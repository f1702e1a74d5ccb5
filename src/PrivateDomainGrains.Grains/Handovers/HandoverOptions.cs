using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.Handovers;

/// <summary>How a bulk handover pages through the ownership index and how many customers it moves at once.</summary>
public sealed class HandoverOptions
{
    public const string Section = "Handover";

    /// <summary>Customers read from the ownership index per query; progress is saved after each page.</summary>
    [Range(1, 10_000)] public int PageSize { get; set; } = 500;

    /// <summary>Customers being moved at once: bounds the activations and writes one handover adds to live traffic.</summary>
    [Range(1, 1_000)] public int MaxConcurrentMoves { get; set; } = 32;
}
