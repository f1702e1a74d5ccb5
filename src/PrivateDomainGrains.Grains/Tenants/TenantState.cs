using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>Persisted tenant. JSON names are the storage contract.</summary>
public sealed class RosterState
{
    [JsonPropertyName("role")] public string Role { get; set; } = "staff";
    [JsonPropertyName("team")] public string? Team { get; set; }
    [JsonPropertyName("disabled")] public bool Disabled { get; set; }
}

public sealed class TenantState
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("apiKeyHash")] public byte[] ApiKeyHash { get; set; } = [];
    [JsonPropertyName("adminKeyHash")] public byte[] AdminKeyHash { get; set; } = [];
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("staff")] public SortedSet<string> StaffIds { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Role, team and disabled flag of each staff member with anything but the defaults (staff, no team, enabled).</summary>
    [JsonPropertyName("roster")] public Dictionary<string, RosterState> Roster { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Staff who left -> their successors.</summary>
    [JsonPropertyName("successors")] public Dictionary<string, string> Successors { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Bumped whenever <see cref="Successors"/> changes.</summary>
    [JsonPropertyName("routingVersion")] public long RoutingVersion { get; set; }
}
