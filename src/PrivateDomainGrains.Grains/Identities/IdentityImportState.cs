using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Identities;

/// <summary>Persisted identity import. JSON names are the storage contract.</summary>
public sealed class IdentityImportState
{
    [JsonPropertyName("format")] public string Format { get; set; } = "";
    [JsonPropertyName("state")] public string State { get; set; } = "";
    [JsonPropertyName("read")] public long Read { get; set; }
    [JsonPropertyName("added")] public long Added { get; set; }
    [JsonPropertyName("unchanged")] public long Unchanged { get; set; }
    [JsonPropertyName("refused")] public long Refused { get; set; }
    [JsonPropertyName("conflicts")] public long Conflicts { get; set; }
    [JsonPropertyName("attachedFromPool")] public long AttachedFromPool { get; set; }
    /// <summary>The line of the last row of the last finished page: where a resumed import continues.</summary>
    [JsonPropertyName("after")] public long After { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset StartedAt { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>
    /// Rows may name customers not known yet (<see cref="Abstractions.Identities.IdentityImportSpec.CreateCustomers"/>).
    /// Null in an import stored before the rule existed: it goes on as it was started, taking any customer id.
    /// </summary>
    [JsonPropertyName("createCustomers")] public bool? CreateCustomers { get; set; }
    [JsonPropertyName("by")] public string? By { get; set; }
    /// <summary>The staff whose customers the rows may name, fixed at the start; null: the tenant's.</summary>
    [JsonPropertyName("owners")] public string[]? Owners { get; set; }
    /// <summary>The language of the request that started it, when not English: its pages word their rows' reasons in it.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }
}
