namespace PrivateDomainGrains.Client;

/// <summary>What the hub answers to <c>Snooze</c>.</summary>
public static class SnoozeResults
{
    /// <summary>Hidden until the time asked for; a second snooze replaces the first, so a resend is safe.</summary>
    public const string Snoozed = "snoozed";

    /// <summary>Not an open nudge of this staff member (closed meanwhile, handed over, or never raised).</summary>
    public const string Unknown = "unknown";

    /// <summary>Not a valid id, or a time not in the next 30 days (e.g. one that passed while the console was offline).</summary>
    public const string Invalid = "invalid";
}
