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

    /// <summary>
    /// How long after a departure starts before a pass may find the leaver's queue empty for good: every silo must
    /// have learnt the successor (<c>Decisions:RefreshInterval</c>), so that no late event hands them a customer after.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Full passes at most: after it a handover completes and reports what it could not move.</summary>
    [Range(1, 100)] public int MaxPasses { get; set; } = 5;
}
