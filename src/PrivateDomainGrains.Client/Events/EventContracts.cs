namespace PrivateDomainGrains.Client;

/// <summary>Up to 1,000 events in one request.</summary>
/// <param name="Mode"><c>live</c> (null: the default) or <c>backfill</c>: history that builds customers but raises no nudge.</param>
public sealed record EventBatchRequest(IReadOnlyList<PostedEvent> Events, string? Mode = null);

/// <summary>One customer event as an integration posts it.</summary>
/// <param name="Id">Unique per tenant: posting the same event again is a duplicate, never a second event; the id on another
/// event is a 409 conflict. Keep it when you retry.</param>
/// <param name="CustomerId">The customer it is about; null when <paramref name="Identities"/> name it.</param>
/// <param name="Type"><c>friend.added</c>, <c>friend.deleted</c>, <c>message.received</c>, <c>message.sent</c>, <c>moment.liked</c>,
/// <c>moment.commented</c>, <c>order.paid</c>, <c>order.refunded</c>, <c>page.viewed</c>, <c>group.joined</c>, <c>group.left</c>, or <c>x.*</c>.</param>
/// <param name="At">When it happened; the platform's now when null.</param>
/// <param name="StaffId">The staff member involved (the first one a customer adds owns them unless someone assigns an owner).</param>
/// <param name="Data">Extra fields, e.g. <c>orderId</c>, <c>amount</c>, <c>currency</c> of <c>order.paid</c>.</param>
/// <param name="Mode">This event's own <c>live</c> or <c>backfill</c>, over the request's.</param>
/// <param name="Identities">How the source names the customer, kind to value (<c>unionid</c>, <c>external_userid</c>,
/// <c>openid:{appId}</c>, <c>phone</c>, <c>order</c>, <c>email</c>, <c>nickname</c>): without a customer id the strongest
/// identity a customer holds decides; none held, <c>friend.added</c> creates a customer and other events wait in the pending
/// pool (<see cref="EventBatchResponse.Pooled"/>). With a customer id they are added to it. <see cref="IdentityKinds"/>.</param>
public sealed record PostedEvent(
    string Id, string? CustomerId, string Type, DateTimeOffset? At = null, string? Channel = null, string? StaffId = null,
    string? Text = null, IReadOnlyDictionary<string, string>? Data = null, string? Mode = null,
    IReadOnlyDictionary<string, string>? Identities = null);

/// <summary>Every event's fate: accepted (stored now), a duplicate (stored before), or rejected (see <see cref="Errors"/>).</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventError> Errors)
{
    /// <summary>Customers of the request no one owns: their nudges wait in the tenant's unassigned queue.</summary>
    public IReadOnlyList<string> Unowned { get; init; } = [];

    /// <summary>For each event named by identities that reached a customer: which customer, and by what.</summary>
    public IReadOnlyList<EventResolution> Resolved { get; init; } = [];

    /// <summary>Events stored in the pending pool, waiting for their customer (neither accepted nor rejected).</summary>
    public IReadOnlyList<PooledEvent> Pooled { get; init; } = [];

    /// <summary>Pool events attached to their customers by identities this request added.</summary>
    public int AttachedFromPool { get; init; }
}

/// <summary>How the event at <see cref="Index"/> found its customer: <see cref="By"/> is <c>customerId</c> or the kind of the
/// identity that matched (or, with <see cref="Created"/>, that the new customer was created for). A customer created for
/// an identity has an opaque id (<c>c_</c> and 26 base32 characters), the same for every event naming that identity; it
/// holds nothing of the identity, so read it from here or look the identity up.</summary>
public sealed record EventResolution(int Index, string EventId, string CustomerId, string By, bool Created);

/// <summary>An event waiting in the pending pool; <see cref="Reason"/> is <c>unknown-identity</c> or <c>nickname-only</c>.</summary>
public sealed record PooledEvent(int Index, string EventId, string Reason);

/// <summary>Why the event at <see cref="Index"/> was rejected; <see cref="Status"/> is what it would have got alone (400, 409).</summary>
public sealed record EventError(int Index, string? EventId, IReadOnlyList<string> Errors, int Status);
