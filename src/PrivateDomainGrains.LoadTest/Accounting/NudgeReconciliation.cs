namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>Expected nudges of the measured events against what the consoles received.</summary>
public sealed record NudgeReconciliation
{
    /// <summary>Accepted measured events whose rule raises a nudge for an owner with a connected console.</summary>
    public required long Expected { get; init; }
    /// <summary>Expected nudges that reached at least one console of their owner.</summary>
    public required long Received { get; init; }
    public long Lost => Expected - Received;
    /// <summary>
    /// Pushed twice to one console (the figure whose target is 0), by the rule of <see cref="Redeliveries"/>: the event's
    /// nudge arrived again on the connection that already had it, or on a later connection after the console's Ack of it
    /// was confirmed, or under another nudge id (a second nudge for one event).
    /// </summary>
    public required long Duplicates { get; init; }
    /// <summary>
    /// Arrived again on a later connection of the same console, same nudge id, before any Ack of it was confirmed: the
    /// inbox replaying a nudge still open after a reconnect, which at-least-once delivery allows. Not a duplicate.
    /// </summary>
    public long ReplayedWhileOpen { get; init; }
    /// <summary>Copies on the owner's other consoles: not an error, staff may have several open.</summary>
    public required long ExtraCopies { get; init; }
    /// <summary>Arrived at a console of someone other than the customer's owner: the one thing a console must never see.</summary>
    public required long Misrouted { get; init; }
    /// <summary>Arrived for an expected event but with another kind than the rule says.</summary>
    public required long WrongKind { get; init; }
    /// <summary>Arrived for a measured event that should raise none (rejected, failed, ambiguous, or no rule/owner/console).</summary>
    public required long Unexpected { get; init; }
    /// <summary>Arrived for events outside the measurement: warm-up, provisioning, earlier runs. Acked and set aside.</summary>
    public required long OutsideMeasurement { get; init; }
    /// <summary>Nudges the rules raise for owners without a connected console; nobody can receive them, so they are not expected.</summary>
    public required long Unobserved { get; init; }
    /// <summary>
    /// Nudges the rules raise that may rightly never be raised, so they are neither expected nor, when they arrive,
    /// unexpected: a later event of the same customer (later <c>at</c>), one the server stored, was sent before the event's own answer came, so
    /// the server may have applied it first, and event time then decides (a reply the owner's later message already
    /// answered is not raised). Retried and shed requests make these.
    /// </summary>
    public long Reordered { get; init; }
    /// <summary>First arrival of each received expected nudge, timed from its event's scheduled send time.</summary>
    public required IReadOnlyList<NudgeDelivery> Deliveries { get; init; }
    /// <summary>Every expected event id whose nudge no console of its owner received, in schedule order.</summary>
    public required IReadOnlyList<string> Missing { get; init; }
    /// <summary>A few lost event ids, to look them up on the server.</summary>
    public required IReadOnlyList<string> LostSample { get; init; }
    /// <summary>The moved customers' nudges after a completed handover (null: the run had none, or it never completed).</summary>
    public HandoverNudges? AfterHandover { get; init; }
}
