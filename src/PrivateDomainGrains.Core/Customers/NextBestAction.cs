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
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>The engine's explanation: rule, scores, and the alternatives with the policies that stopped them.</summary>
    [JsonPropertyName("why")] public string? Why { get; init; }
}
