namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>An expected nudge's first arrival on an owner's console; latency runs from its event's scheduled send time.</summary>
public readonly record struct NudgeDelivery(string EventId, long ArrivedTicks, long LatencyTicks);
