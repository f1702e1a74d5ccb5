using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>How often a customer grain snapshots its profile. The journal makes every event durable at once;
/// snapshots only bound how much a re-activation has to replay.</summary>
public sealed class CustomerGrainOptions
{
    public const string Section = "Customers";

    /// <summary>Snapshot once this many events have been folded in since the last snapshot.</summary>
    [Range(1, 100_000)] public int SnapshotEveryEvents { get; set; } = 100;

    /// <summary>Snapshot a changed profile at least this often while the grain is active.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);
}
