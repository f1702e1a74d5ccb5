namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// When the run's handover moved <see cref="From"/>'s customers to <see cref="To"/>, on the run clock:
/// <see cref="StartTicks"/> when it was requested, <see cref="CompletedTicks"/> when its status was first seen completed
/// (null if it never was). Between the two, a moved customer's nudge may rightly reach either of them.
/// </summary>
public sealed record HandoverWindow(string From, string To, long StartTicks, long? CompletedTicks);
