using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Staff;

/// <summary>Persisted staff member. JSON names are the storage contract.</summary>
public sealed class StaffState
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("passwordHash")] public string PasswordHash { get; set; } = "";
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("disabledAt")] public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Bumped whenever every session must end; tokens carry the generation they were issued in.</summary>
    [JsonPropertyName("sessionGeneration")] public int SessionGeneration { get; set; }
    [JsonPropertyName("role")] public string Role { get; set; } = "staff";
    [JsonPropertyName("team")] public string? Team { get; set; }
}
