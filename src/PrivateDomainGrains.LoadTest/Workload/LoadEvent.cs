using System.Text.Json.Serialization;

namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>One customer event as the v1 ingest API takes it.</summary>
public sealed record LoadEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("customerId")] string CustomerId,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("staffId")] string? StaffId,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, string>? Data);
