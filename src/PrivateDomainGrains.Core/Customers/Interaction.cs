using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// One entry of a customer's history. JSON names are the storage contract. A struct, kept in a trimmed array: a
/// reference type would cost every resident customer an object header and a reference per entry. The type,
/// channel and staff id are shared across customers (<see cref="SharedStrings"/>).
/// </summary>
public readonly record struct Interaction
{
    [JsonConstructor]
    public Interaction(string eventId, string type, DateTimeOffset at, string? channel, string? staffId, string? text)
    {
        EventId = eventId;
        Type = SharedStrings.Share(type);
        At = at;
        Channel = SharedStrings.Share(channel);
        StaffId = SharedStrings.Share(staffId);
        Text = text;
    }

    [JsonPropertyName("eventId")] public string EventId { get; }
    [JsonPropertyName("type")] public string Type { get; }
    [JsonPropertyName("at")] public DateTimeOffset At { get; }
    [JsonPropertyName("channel")] public string? Channel { get; }
    [JsonPropertyName("staffId")] public string? StaffId { get; }
    [JsonPropertyName("text")] public string? Text { get; }
}
