namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One connection of a console to a node, on the run clock: from the moment it was established to the moment it dropped
/// (null: still connected when the run ended). A console that reconnects or fails over gets a new connection; the
/// nudges it receives carry the connection id they arrived on.
/// </summary>
/// <param name="Connection">The SignalR connection id.</param>
/// <param name="Node">The node's host:port.</param>
public sealed record ConsoleSession(int Console, string Staff, string Connection, string Node, long StartTicks, long? EndTicks)
{
    public bool Covers(long ticks) => ticks >= StartTicks && (EndTicks is not { } end || ticks < end);
}

/// <summary>The platform confirmed (the hub invocation completed) that a console's Ack of a nudge was processed.</summary>
public readonly record struct AckConfirmation(int Console, string NudgeId, long AtTicks);
