using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>Persisted playbook. JSON names are the storage contract.</summary>
public sealed class TenantPlaybookState
{
    [JsonPropertyName("version")] public int Version { get; set; }
    /// <summary>
    /// The playbook as <see cref="Core.Playbooks.PlaybookJson"/> writes it, version and tenant id filled in by the
    /// server; kept as JSON rather than a string so the stored row reads as plain JSON in SQL.
    /// </summary>
    [JsonPropertyName("playbook")] public JsonElement Playbook { get; set; }
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
}
