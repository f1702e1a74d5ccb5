using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.Client;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// The run's handover as the tool saw it: requested at <see cref="RequestedTicks"/>, first seen completed at
/// <see cref="CompletedTicks"/> (null if it never was), both on the run clock, and the server's last status.
/// </summary>
public sealed record HandoverResult(string From, string To, long RequestedTicks, long? CompletedTicks, HandoverView? Status, string? Error = null)
{
    public HandoverWindow Window => new(From, To, RequestedTicks, CompletedTicks);
}
