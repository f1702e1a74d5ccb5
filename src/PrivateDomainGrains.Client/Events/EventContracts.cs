namespace PrivateDomainGrains.Client;

/// <summary>Up to 1,000 events in one request.</summary>
public sealed record EventBatchRequest(IReadOnlyList<PostedEvent> Events);

/// <summary>One customer event as an integration posts it.</summary>
/// <param name="Id">Unique per tenant: posting the same id again is a duplicate, never a second event. Keep it when you retry.</param>
/// <param name="CustomerId">The customer it is about.</param>
/// <param name="Type"><c>friend.added</c>, <c>friend.deleted</c>, <c>message.received</c>, <c>message.sent</c>, <c>moment.liked</c>,
/// <c>moment.commented</c>, <c>order.paid</c>, <c>order.refunded</c>, <c>page.viewed</c>, <c>group.joined</c>, <c>group.left</c>, or <c>x.*</c>.</param>
/// <param name="At">When it happened; the platform's now when null.</param>
/// <param name="StaffId">The staff member involved (<c>friend.added</c> makes them the owner of a customer without one).</param>
/// <param name="Data">Extra fields, e.g. <c>orderId</c>, <c>amount</c>, <c>currency</c> of <c>order.paid</c>.</param>
public sealed record PostedEvent(
    string Id, string CustomerId, string Type, DateTimeOffset? At = null, string? Channel = null, string? StaffId = null,
    string? Text = null, IReadOnlyDictionary<string, string>? Data = null);

/// <summary>Every event's fate: accepted (stored now), a duplicate (stored before), or rejected (see <see cref="Errors"/>).</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventError> Errors);

/// <summary>Why the event at <see cref="Index"/> was rejected; <see cref="Status"/> is what it would have got alone (400, 409).</summary>
public sealed record EventError(int Index, string? EventId, IReadOnlyList<string> Errors, int Status);
