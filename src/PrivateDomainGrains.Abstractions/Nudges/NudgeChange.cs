namespace PrivateDomainGrains.Abstractions.Nudges;

/// <summary>
/// A change to a nudge a console already shows, sent to every console of its staff member (the hub's <c>changed</c>
/// message carries arrays of these): it closed (<see cref="Closed"/> says how: done, not-useful, done-by-action,
/// obsolete, expired), or it was snoozed until <see cref="SnoozedUntil"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.NudgeChange")]
public sealed record NudgeChange(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Closed,
    [property: Id(2)] DateTimeOffset? SnoozedUntil)
{
    /// <summary>What <see cref="Closed"/> says of a nudge that moved to another staff member (a new owner, a successor): gone from this queue.</summary>
    public const string Moved = "moved";

    /// <summary>What <see cref="Closed"/> says of a nudge whose customer's personal data was erased: gone everywhere.</summary>
    public const string Erased = "erased";

    public static NudgeChange Closing(string id, string how) => new(id, how, null);

    public static NudgeChange Snoozing(string id, DateTimeOffset until) => new(id, null, until);
}
