namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One nudge as a console received it. <see cref="ConsoleStaffId"/> is who the console logged in as; timer nudges
/// have no event, so they are matched by <see cref="CustomerId"/> and kind. <see cref="Connection"/> is the SignalR
/// connection id it came on (a new one on every reconnect or fail-over; see <see cref="ConsoleSession"/>).
/// </summary>
public readonly record struct NudgeArrival(
    string NudgeId,
    string? EventId,
    string? Kind,
    string? NudgeStaffId,
    string ConsoleStaffId,
    int ConsoleIndex,
    long ArrivedTicks,
    string? CustomerId = null,
    string? Connection = null);
