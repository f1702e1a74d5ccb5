using System.ComponentModel.DataAnnotations;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Scheduling;

/// <summary>How the customer scheduler divides and drains the due-time index.</summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Shard grains; each owns the index buckets b with b % Shards == its number. Changing it moves no rows.</summary>
    [Range(1, DueBuckets.Count)] public int Shards { get; set; } = 4;

    /// <summary>How often an idle shard looks for due rows: the bound on how late a due time is noticed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows claimed per query; a shard claims again at once while a full batch came back.</summary>
    [Range(1, 10_000)] public int ClaimBatch { get; set; } = 2_000;

    /// <summary>How long a claimed row is reserved for its wake; a failed wake is retried after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Wakes in flight at once per shard: bounds the activations one shard can cause at the same time.</summary>
    [Range(1, 10_000)] public int MaxConcurrentWakes { get; set; } = 1_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lease <= PollInterval)
            yield return new ValidationResult("Scheduler:Lease must be longer than Scheduler:PollInterval, or claimed rows expire before they are woken", [nameof(Lease)]);
    }
}
