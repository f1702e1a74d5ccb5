using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>What the owner should do next for this customer, and why. JSON names are the storage contract.</summary>
public sealed record NextBestAction(
    [property: JsonPropertyName("nudgeId")] string NudgeId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("at")] DateTimeOffset At);
