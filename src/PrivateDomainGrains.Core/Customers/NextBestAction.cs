using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>What the owner should do next for this customer, and why. JSON names are the storage contract.</summary>
public sealed record NextBestAction(
    string NudgeId,
    string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    private readonly CompactNudgeId _nudgeId = CompactNudgeId.From(NudgeId);

    [JsonPropertyName("nudgeId")] public string NudgeId { get => _nudgeId.ToString(); init => _nudgeId = CompactNudgeId.From(value); }

    /// <summary>Its nudge's id as kept: compared with a remembered nudge's without spelling either out.</summary>
    internal CompactNudgeId CompactNudgeId => _nudgeId;

    /// <summary>One of a few kinds, shared across customers.</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = SharedStrings.Share(Kind);

    /// <summary>The engine's explanation: rule, scores, and the alternatives with the policies that stopped them.</summary>
    [JsonPropertyName("why")] public string? Why { get; init; }
}
