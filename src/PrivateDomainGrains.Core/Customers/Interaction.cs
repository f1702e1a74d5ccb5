using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>One entry of a customer's history. JSON names are the storage contract.</summary>
public sealed record Interaction(
    [property: JsonPropertyName("eventId")] string EventId,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("staffId")] string? StaffId,
    [property: JsonPropertyName("text")] string? Text);
