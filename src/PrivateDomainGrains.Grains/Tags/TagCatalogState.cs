using System.Text.Json.Serialization;
using PrivateDomainGrains.Abstractions.Tags;

namespace PrivateDomainGrains.Grains.Tags;

/// <summary>Persisted tag catalog. JSON names are the storage contract.</summary>
public sealed class TagCatalogState
{
    [JsonPropertyName("version")] public int Version { get; set; }
    [JsonPropertyName("groups")] public List<TagGroupDefinition> Groups { get; set; } = [];
    [JsonPropertyName("tags")] public List<CatalogTag> Tags { get; set; } = [];
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The rename, merge or delete of each tag whose holders' job may still run, by the tag changed.</summary>
    [JsonPropertyName("changes")] public Dictionary<string, TagChange> Changes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The batch jobs that may still be running, by job id: the tags each adds and removes.</summary>
    [JsonPropertyName("batches")] public Dictionary<string, BatchClaim> Batches { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A batch job's tags, recorded before the job starts (<c>at</c>: when).</summary>
public sealed record BatchClaim(
    [property: JsonPropertyName("add")] string[] Add,
    [property: JsonPropertyName("remove")] string[] Remove,
    [property: JsonPropertyName("at")] DateTimeOffset At);

/// <summary>A rename, merge or delete of a tag and the job changing its holders (<c>kind</c>: rename, merge, delete).</summary>
public sealed record TagChange(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("jobId")] string JobId,
    [property: JsonPropertyName("at")] DateTimeOffset At);
