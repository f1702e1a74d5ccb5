namespace PrivateDomainGrains.Client;

/// <summary>What the hub answers to <c>Ack</c> and <c>Dismiss</c>.</summary>
public static class CloseResults
{
    /// <summary>This call closed the nudge.</summary>
    public const string Closed = "closed";

    /// <summary>An earlier call closed it (a resend): success, nothing changed.</summary>
    public const string AlreadyClosed = "already-closed";

    /// <summary>Not a nudge of this staff member (never raised, or handed over to another).</summary>
    public const string Unknown = "unknown";

    /// <summary>Not a valid id (1-128 letters, digits and <c>-_.:@</c>).</summary>
    public const string Invalid = "invalid";
}
