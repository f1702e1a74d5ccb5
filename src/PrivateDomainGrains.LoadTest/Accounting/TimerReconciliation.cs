namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>Customers whose timer fell due against the timer nudges the consoles received.</summary>
public sealed record TimerReconciliation
{
    /// <summary>Provisioned customers whose owner has a connected console.</summary>
    public required long Expected { get; init; }
    /// <summary>Expected customers whose timer nudge reached a console of their owner.</summary>
    public required long Received { get; init; }
    public long Lost => Expected - Received;
    /// <summary>A customer's timer nudge again on a console that already had it: replayed, or fired twice.</summary>
    public required long Duplicates { get; init; }
    public required long Misrouted { get; init; }
    /// <summary>Timer nudges for customers the run did not make due (or whose owner has no console).</summary>
    public required long Unexpected { get; init; }
    /// <summary>Provisioned customers whose owner has no console: their nudges cannot be seen.</summary>
    public required long Unobserved { get; init; }
    /// <summary>Received before their due time: the engine fired too soon.</summary>
    public required long Early { get; init; }
    /// <summary>Received within <see cref="TimerReconciler.Target"/> of their due time.</summary>
    public required long WithinTarget { get; init; }
    public required long? LastArrivalTicks { get; init; }
    /// <summary>First arrival per customer (keyed by customer id); latency is the lag from its due time.</summary>
    public required IReadOnlyList<NudgeDelivery> Deliveries { get; init; }
    public required IReadOnlyList<string> LostSample { get; init; }
}
