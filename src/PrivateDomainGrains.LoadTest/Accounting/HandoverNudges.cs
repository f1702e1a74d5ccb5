namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// Nudges of the moved customers' measured events scheduled after the handover completed: the new owner must get
/// every one of them, the old owner none.
/// </summary>
public sealed record HandoverNudges(long Expected, long Received, long Misrouted)
{
    public long Lost => Expected - Received;
}
