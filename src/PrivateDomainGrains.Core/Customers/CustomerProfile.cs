using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Everything the platform knows about one customer, kept in the customer's grain and snapshotted to storage.
/// The JSON property names are the storage contract: never rename them.
/// </summary>
public sealed class CustomerProfile
{
    /// <summary>How many interactions stay in memory; the full history lives in the event journal.</summary>
    public const int RecentInteractionLimit = 20;

    /// <summary>How many event ids are remembered to answer retries as duplicates without a database round trip.</summary>
    public const int RecentEventIdLimit = 64;

    [JsonPropertyName("customerId")] public string CustomerId { get; set; } = "";
    [JsonPropertyName("name")] public string? DisplayName { get; set; }
    [JsonPropertyName("owner")] public string? OwnerStaffId { get; set; }
    [JsonPropertyName("status")] public CustomerStatus Status { get; set; } = CustomerStatus.Unknown;
    [JsonPropertyName("tier")] public CustomerTier Tier { get; set; } = CustomerTier.Prospect;
    [JsonPropertyName("tags")] public SortedSet<string> Tags { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("counters")] public CustomerCounters Counters { get; set; } = new();
    [JsonPropertyName("firstSeenAt")] public DateTimeOffset? FirstSeenAt { get; set; }
    [JsonPropertyName("lastInteractionAt")] public DateTimeOffset? LastInteractionAt { get; set; }
    [JsonPropertyName("lastInboundAt")] public DateTimeOffset? LastInboundAt { get; set; }
    [JsonPropertyName("lastContactAt")] public DateTimeOffset? LastContactAt { get; set; }
    [JsonPropertyName("lastOrderAt")] public DateTimeOffset? LastOrderAt { get; set; }
    [JsonPropertyName("recent")] public List<Interaction> RecentInteractions { get; set; } = [];
    [JsonPropertyName("recentEventIds")] public List<string> RecentEventIds { get; set; } = [];
    [JsonPropertyName("nba")] public NextBestAction? NextBestAction { get; set; }
    [JsonPropertyName("engine")] public Engine.EngineState Engine { get; set; } = new();
    /// <summary>Journal sequence of the last event folded into this profile; replay starts after it.</summary>
    [JsonPropertyName("seq")] public long JournalSequence { get; set; }

    [JsonIgnore] public bool Exists => JournalSequence > 0 || OwnerStaffId is not null || Tags.Count > 0;

    public bool HasSeenEvent(string eventId) => RecentEventIds.Contains(eventId, StringComparer.Ordinal);

    internal void RememberEvent(string eventId)
    {
        RecentEventIds.Add(eventId);
        if (RecentEventIds.Count > RecentEventIdLimit) RecentEventIds.RemoveAt(0);
    }

    internal void Record(Interaction interaction)
    {
        RecentInteractions.Add(interaction);
        if (RecentInteractions.Count > RecentInteractionLimit) RecentInteractions.RemoveAt(0);
    }
}
