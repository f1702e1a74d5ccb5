using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>Persisted tenant. JSON names are the storage contract.</summary>
public sealed class TenantState
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("apiKeyHash")] public byte[] ApiKeyHash { get; set; } = [];
    [JsonPropertyName("adminKeyHash")] public byte[] AdminKeyHash { get; set; } = [];
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("staff")] public SortedSet<string> StaffIds { get; set; } = new(StringComparer.Ordinal);
}
