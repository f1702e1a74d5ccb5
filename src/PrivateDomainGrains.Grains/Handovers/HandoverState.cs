using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Handovers;

/// <summary>Persisted handover. JSON names are the storage contract.</summary>
public sealed class HandoverState
{
    [JsonPropertyName("from")] public string From { get; set; } = "";
    [JsonPropertyName("to")] public string To { get; set; } = "";
    [JsonPropertyName("state")] public string State { get; set; } = "";
    [JsonPropertyName("total")] public long Total { get; set; }
    [JsonPropertyName("moved")] public long Moved { get; set; }
    [JsonPropertyName("failed")] public long Failed { get; set; }
    /// <summary>The last customer id of the last finished page: where a resumed handover continues.</summary>
    [JsonPropertyName("after")] public string After { get; set; } = "";
    [JsonPropertyName("startedAt")] public DateTimeOffset StartedAt { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The staff member is leaving: what is addressed to them by name moves too, and later events name the successor.</summary>
    [JsonPropertyName("departure")] public bool Departure { get; set; }
    /// <summary>Full passes over what the departing staff member had; each after the first looks for what arrived meanwhile.</summary>
    [JsonPropertyName("passes")] public int Passes { get; set; }
    /// <summary>What the last pass left with the departing staff member.</summary>
    [JsonPropertyName("remaining")] public long Remaining { get; set; }
}
