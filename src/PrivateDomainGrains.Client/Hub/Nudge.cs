namespace PrivateDomainGrains.Client;

/// <summary>
/// A prompt for one staff member about one customer, as the hub's <c>nudges</c> message carries it (an array of
/// these: what arrived together). A nudge may arrive again after a reconnect (the open ones are replayed): its
/// <see cref="Id"/> tells.
/// </summary>
/// <param name="Kind">What to do, e.g. <c>welcome</c>, <c>reply</c>, <c>lost-friend</c>, or a playbook's own kind.</param>
/// <param name="Text">The suggested script, placeholders filled.</param>
/// <param name="Reason">Why now, in a sentence.</param>
/// <param name="EventId">The event that raised it; null for a timer or SOP step.</param>
/// <param name="Suggested">Content the owner could send, e.g. a guide or a coupon.</param>
/// <param name="Explanation">The rule, the scores, and the alternatives with the policies that stopped them.</param>
public sealed record Nudge(
    string Id, string Tenant, string CustomerId, string StaffId, string Kind, string Title, string Text, string Reason, int Priority,
    DateTimeOffset CreatedAt, string? EventId, string? Suggested = null, string? Explanation = null)
{
    /// <summary>The customer's display name (null when unknown: show the id).</summary>
    public string? CustomerName { get; init; }

    /// <summary>The rule, or <c>sequence/step</c>, that raised it.</summary>
    public string? Source { get; init; }

    /// <summary>When it closes as expired if nobody acts on it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Hidden from the queue until then (a snooze).</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>The campaign's name when a campaign (群发) raised it (<see cref="Source"/> <c>campaign:{id}</c>); null otherwise.</summary>
    public string? CampaignName { get; init; }
}

/// <summary>
/// A change to a nudge a console already shows (the hub's <c>changed</c> message carries arrays of these): closed
/// (<see cref="Closed"/> says how: done, not-useful, done-by-action, obsolete, expired, or moved to another staff
/// member), or snoozed until <see cref="SnoozedUntil"/>.
/// </summary>
public sealed record NudgeChange(string Id, string? Closed, DateTimeOffset? SnoozedUntil);

/// <summary>
/// The hub's <c>replaying</c> message, sent on every connect before the open nudges are replayed: how many the replay
/// brings, counted just before it began.
/// </summary>
/// <param name="Open">Open nudges to show.</param>
/// <param name="Snoozed">Open nudges snoozed until later (replayed with their <c>snoozedUntil</c>).</param>
public sealed record ReplayTotals(int Open, int Snoozed);
