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
}
