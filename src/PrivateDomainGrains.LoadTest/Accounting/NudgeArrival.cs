namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One nudge as a console received it. <see cref="ConsoleStaffId"/> is who the console logged in as; timer nudges
/// have no event, so they are matched by <see cref="CustomerId"/> and kind. <see cref="Session"/> numbers the console's
/// connections (it changes on every reconnect or fail-over; see <see cref="ConsoleSession"/>).
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
    int Session = 0);
