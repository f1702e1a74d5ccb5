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
    DateTimeOffset CreatedAt, string? EventId, string? Suggested = null, string? Explanation = null);
