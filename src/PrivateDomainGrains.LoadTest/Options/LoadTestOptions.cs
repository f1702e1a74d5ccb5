namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>Everything one run needs, after presets and command-line overrides have been resolved.</summary>
public sealed record LoadTestOptions
{
    public required Preset Preset { get; init; }
    /// <summary>Base URLs of the nodes; requests and consoles are spread over them round-robin.</summary>
    public required IReadOnlyList<Uri> Targets { get; init; }
    public string? OperatorKey { get; init; }
    public required string Tenant { get; init; }
    /// <summary>Keys of an existing tenant; when both are given the tenant is not created.</summary>
    public string? ApiKey { get; init; }
    public string? AdminKey { get; init; }
    public required int Customers { get; init; }
    public required int Staff { get; init; }
    public required int Consoles { get; init; }
    public required string StaffPassword { get; init; }
    /// <summary>Events per second offered during the measured period (the spike multiplies it).</summary>
    public required double Rate { get; init; }
    public required TimeSpan Duration { get; init; }
    public required TimeSpan Warmup { get; init; }
    /// <summary>How long to keep consoles open after the last acknowledgement, waiting for in-flight nudges.</summary>
    public required TimeSpan Drain { get; init; }
    public required EventMix Mix { get; init; }
    /// <summary>
    /// Posts the run's events as history (<c>--mode backfill</c>, the API's <c>"mode":"backfill"</c>): they build customers
    /// but must raise no nudge, so the run measures import speed and counts any nudge they cause as unexpected.
    /// </summary>
    public bool Backfill { get; init; }
    public required int BatchSize { get; init; }
    public required int Seed { get; init; }
    /// <summary>Whether to send one friend.added per customer, owners round-robin, before the run.</summary>
    public required bool ProvisionCustomers { get; init; }
    public required int MaxInFlight { get; init; }
    public required TimeSpan RequestTimeout { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>When set, the tool starts a platform node in its own process against this PostgreSQL database.</summary>
    public string? InProcessConnectionString { get; init; }
    /// <summary>Timers preset: from the start of provisioning to the first customer's due time; provisioning must finish before it.</summary>
    public TimeSpan DueAfter { get; init; }
    /// <summary>Timers preset: due times are spread evenly over this window after <see cref="DueAfter"/>; zero means all at once.</summary>
    public TimeSpan DueWindow { get; init; }
    /// <summary>Handover preset: when the handover of staff-0's customers to staff-1 starts, from the start of the measured period.</summary>
    public TimeSpan HandoverAt { get; init; }
    /// <summary>When set, the tool starts PostgreSQL and these nodes itself and targets them (<c>--nodes N</c>; the chaos preset's default).</summary>
    public ManagedClusterOptions? Cluster { get; init; }
    /// <summary>
    /// How long a batch that failed with a 5xx answer, a timeout or a connection error is retried, with the same event ids,
    /// on the next node; zero: it is not retried and its events count as failed.
    /// </summary>
    public TimeSpan RetryFor { get; init; }
    public ChaosOptions? Chaos { get; init; }
    public NoisyOptions? Noisy { get; init; }
    /// <summary>The soak preset: customers and rate are split over its tenants (<see cref="SoakOptions.Share"/>).</summary>
    public SoakOptions? Soak { get; init; }

    public const double SpikeFactor = 10;
    public static readonly TimeSpan SpikeLength = TimeSpan.FromSeconds(30);
}
