using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Outcome of one events request: every event is accepted, a duplicate (its id was seen before), or rejected with
/// reasons (<see cref="Errors"/>, by the event's index in the request).
/// </summary>
/// <param name="Accepted">Events stored now.</param>
/// <param name="Duplicates">Events stored before under the same id, for the same customer, type and time (a retry): nothing changed.</param>
/// <param name="Rejected">Events refused; each has an entry in <c>errors</c> (400 invalid, 409 an id the tenant already uses for another event).</param>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventError> Errors)
{
    /// <summary>
    /// Customers of the request no one owns (never added by a staff member): their nudges wait in the tenant's
    /// unassigned queue until someone is assigned, or the playbook's <c>ownership.fallbackOwner</c> is set.
    /// </summary>
    public IReadOnlyList<string> Unowned { get; init; } = [];

    /// <summary>For each event named by <c>identities</c> that reached a customer: which customer, and by what.</summary>
    public IReadOnlyList<EventResolution> Resolved { get; init; } = [];

    /// <summary>Events that went to the pending pool (stored, waiting for their customer): counted neither accepted nor rejected.</summary>
    public IReadOnlyList<PooledEvent> Pooled { get; init; } = [];

    /// <summary>Events that waited in the pending pool and were attached to their customers by identities this request added.</summary>
    public int AttachedFromPool { get; init; }
}

/// <summary>
/// Why one event was rejected. <see cref="Status"/> is the HTTP status it would have had alone: 400 (invalid: each
/// entry of <see cref="Errors"/> starts with the field it concerns, quoted) or 409 (conflicts with what is stored).
/// </summary>
/// <param name="Index">The event's position in the request's <c>events</c>, from 0.</param>
/// <param name="EventId">Its id, when it had a readable one.</param>
public sealed record EventError(int Index, string? EventId, IReadOnlyList<string> Errors, int Status = StatusCodes.Status400BadRequest)
{
    /// <summary>The problems with their fields, for a 400 of a request whose every event is invalid.</summary>
    [JsonIgnore] public IReadOnlyList<FieldError> Fields { get; init; } = [];

    public static EventError Invalid(int index, string? eventId, IReadOnlyList<FieldError> problems) =>
        new(index, eventId, problems.Select(p => p.ToString()).ToList()) { Fields = problems };
}
