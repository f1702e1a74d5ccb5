using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Outcome of one events request: every event is accepted, a duplicate (its id was seen before), or rejected with
/// reasons (<see cref="Errors"/>, by the event's index in the request).
/// </summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventError> Errors);

/// <summary>
/// Why one event was rejected. <see cref="Status"/> is the HTTP status it would have had alone: 400 (invalid: each
/// entry of <see cref="Errors"/> starts with the field it concerns, quoted) or 409 (conflicts with what is stored).
/// </summary>
public sealed record EventError(int Index, string? EventId, IReadOnlyList<string> Errors, int Status = StatusCodes.Status400BadRequest)
{
    /// <summary>The problems with their fields, for a 400 of a request whose every event is invalid.</summary>
    [JsonIgnore] public IReadOnlyList<FieldError> Fields { get; init; } = [];

    public static EventError Invalid(int index, string? eventId, IReadOnlyList<FieldError> problems) =>
        new(index, eventId, problems.Select(p => p.ToString()).ToList()) { Fields = problems };
}
