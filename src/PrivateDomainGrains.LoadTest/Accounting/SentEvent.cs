namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One event of the run and its fate. <see cref="DueTicks"/> is its batch's scheduled send time and
/// <see cref="AnsweredTicks"/> when the response arrived (0 if none did), both on the run clock. A
/// <see cref="Backfill"/> event was posted as history: it may give the customer an owner but raises no nudge.
/// </summary>
public readonly record struct SentEvent(
    string EventId,
    string CustomerId,
    string Type,
    string? StaffId,
    long DueTicks,
    long AnsweredTicks,
    bool Measured,
    EventOutcome Outcome,
    bool Backfill = false)
{
    /// <summary>The server holds it durably: accepted now or before.</summary>
    public bool Acknowledged => Outcome is EventOutcome.Accepted or EventOutcome.Duplicate or EventOutcome.Ambiguous;
}
