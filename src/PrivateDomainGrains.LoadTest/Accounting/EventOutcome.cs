namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>What the server said about one event we sent.</summary>
public enum EventOutcome
{
    /// <summary>Acknowledged as newly accepted: durable, and its nudges are expected.</summary>
    Accepted,
    /// <summary>Acknowledged as already seen: its nudges were raised the first time, not now.</summary>
    Duplicate,
    /// <summary>In a response that reported both accepted and duplicate events; the API does not say which is which.</summary>
    Ambiguous,
    /// <summary>Refused by validation (listed in the response's errors).</summary>
    Rejected,
    /// <summary>The request failed (transport error, timeout or non-200): the server may or may not have it.</summary>
    Failed,
}
