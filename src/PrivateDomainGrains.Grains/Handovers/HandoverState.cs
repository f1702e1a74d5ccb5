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
}
