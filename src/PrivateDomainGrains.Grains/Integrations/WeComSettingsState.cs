using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Integrations;

/// <summary>Persisted WeCom settings. JSON names are the storage contract; the secrets are a Data Protection payload.</summary>
public sealed class WeComSettingsState
{
    [JsonPropertyName("corpId")] public string CorpId { get; set; } = "";
    [JsonPropertyName("protectedSecrets")] public string ProtectedSecrets { get; set; } = "";
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
}
