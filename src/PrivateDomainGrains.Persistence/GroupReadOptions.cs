using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Persistence;

/// <summary>Tuning of the batched customer loader.</summary>
public sealed class GroupReadOptions
{
    public const string Section = "GroupRead";

    /// <summary>Customers loaded at most in one round trip.</summary>
    [Range(1, 10_000)] public int MaxCustomersPerRead { get; set; } = 500;

    /// <summary>Round trips in flight at once.</summary>
    [Range(1, 64)] public int ConcurrentReads { get; set; } = 2;
}
