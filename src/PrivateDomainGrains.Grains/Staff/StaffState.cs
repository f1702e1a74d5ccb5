using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Staff;

/// <summary>Persisted staff member. JSON names are the storage contract.</summary>
public sealed class StaffState
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("passwordHash")] public string PasswordHash { get; set; } = "";
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
}
