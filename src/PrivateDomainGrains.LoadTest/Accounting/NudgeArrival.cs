namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>One nudge as a console received it. <see cref="ConsoleStaffId"/> is who the console logged in as.</summary>
public readonly record struct NudgeArrival(
    string NudgeId,
    string? EventId,
    string? Kind,
    string? NudgeStaffId,
    string ConsoleStaffId,
    int ConsoleIndex,
    long ArrivedTicks);
