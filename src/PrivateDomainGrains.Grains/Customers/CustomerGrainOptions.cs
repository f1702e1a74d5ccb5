using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>How often a customer grain snapshots its profile. The journal makes every event durable at once;
/// snapshots only bound how much a re-activation has to replay. There is no timed snapshot: a grain timer per
/// customer costs memory at a million customers, and the profile is also snapshotted when the grain deactivates.</summary>
public sealed class CustomerGrainOptions
{
    public const string Section = "Customers";

    /// <summary>Snapshot once this many events have been folded in since the last snapshot.</summary>
    [Range(1, 100_000)] public int SnapshotEveryEvents { get; set; } = 100;

    /// <summary>
    /// When the node stops: how long, from the first resident customer's deactivation, customers with changes since
    /// their last snapshot still write one; after it they deactivate at once and replay their journal tail on their
    /// next activation (<see cref="ShutdownSnapshots"/>). 0 snapshots none. Must leave the rest of the stop time within
    /// <c>Health:StopTimeout</c> (checked at start-up by the host).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan ShutdownSnapshotBudget { get; set; } = TimeSpan.FromSeconds(15);
}
