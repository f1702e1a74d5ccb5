namespace PrivateDomainGrains.Client;

/// <summary>Up to 1,000 events in one request.</summary>
/// <param name="Mode"><c>live</c> (null: the default) or <c>backfill</c>: history that builds customers but raises no nudge.</param>
public sealed record EventBatchRequest(IReadOnlyList<PostedEvent> Events, string? Mode = null);

/// <summary>One customer event as an integration posts it.</summary>
/// <param name="Id">Unique per tenant: posting the same event again is a duplicate, never a second event; the id on another
/// event is a 409 conflict. Keep it when you retry.</param>
/// <param name="CustomerId">The customer it is about.</param>
/// <param name="Type"><c>friend.added</c>, <c>friend.deleted</c>, <c>message.received</c>, <c>message.sent</c>, <c>moment.liked</c>,
/// <c>moment.commented</c>, <c>order.paid</c>, <c>order.refunded</c>, <c>page.viewed</c>, <c>group.joined</c>, <c>group.left</c>, or <c>x.*</c>.</param>
/// <param name="At">When it happened; the platform's now when null.</param>
/// <param name="StaffId">The staff member involved (the first one a customer adds owns them unless someone assigns an owner).</param>
/// <param name="Data">Extra fields, e.g. <c>orderId</c>, <c>amount</c>, <c>currency</c> of <c>order.paid</c>.</param>
/// <param name="Mode">This event's own <c>live</c> or <c>backfill</c>, over the request's.</param>
public sealed record PostedEvent(
    string Id, string CustomerId, string Type, DateTimeOffset? At = null, string? Channel = null, string? StaffId = null,
    string? Text = null, IReadOnlyDictionary<string, string>? Data = null, string? Mode = null);

/// <summary>Every event's fate: accepted (stored now), a duplicate (stored before), or rejected (see <see cref="Errors"/>).</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventError> Errors)
{
    /// <summary>Customers of the request no one owns: their nudges wait in the tenant's unassigned queue.</summary>
    public IReadOnlyList<string> Unowned { get; init; } = [];
}

/// <summary>Why the event at <see cref="Index"/> was rejected; <see cref="Status"/> is what it would have got alone (400, 409).</summary>
public sealed record EventError(int Index, string? EventId, IReadOnlyList<string> Errors, int Status);
