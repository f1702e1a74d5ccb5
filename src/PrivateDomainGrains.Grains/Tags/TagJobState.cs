using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Tags;

/// <summary>Persisted tag job. JSON names are the storage contract.</summary>
public sealed class TagJobState
{
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    [JsonPropertyName("add")] public string[] Add { get; set; } = [];
    [JsonPropertyName("remove")] public string[] Remove { get; set; } = [];
    [JsonPropertyName("by")] public string? By { get; set; }
    /// <summary>The language of the request that started the job (null: English), which its rows' reasons are worded in.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("state")] public string State { get; set; } = "";
    [JsonPropertyName("total")] public long Total { get; set; }
    [JsonPropertyName("done")] public long Done { get; set; }
    [JsonPropertyName("changed")] public long Changed { get; set; }
    [JsonPropertyName("failed")] public long Failed { get; set; }
    /// <summary>The seq of the last row of the last finished page: where a resumed job continues.</summary>
    [JsonPropertyName("after")] public int After { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset StartedAt { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }
}
