namespace PrivateDomainGrains.Client;

/// <summary>What the hub answers to <c>Opened</c>.</summary>
public static class OpenedResults
{
    /// <summary>Recorded (or recorded before: only the first opening counts), whether the nudge is still open or not.</summary>
    public const string Opened = "opened";

    /// <summary>Not a nudge of this staff member (handed over, or never raised).</summary>
    public const string Unknown = "unknown";

    /// <summary>Not a valid id.</summary>
    public const string Invalid = "invalid";
}
