using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Everything the platform knows about one customer, kept in the customer's grain and snapshotted to storage.
/// The JSON property names are the storage contract: never rename them. A million of these stay resident in one
/// host, so the representation is compact: trimmed arrays rather than lists, shared strings for repeated values,
/// engine collections left null until used.
/// </summary>
public sealed class CustomerProfile
{
    /// <summary>How many interactions stay in memory; the full history lives in the event journal.</summary>
    public const int RecentInteractionLimit = 20;

    /// <summary>Oldest first, at most <see cref="RecentInteractionLimit"/>, and never longer than it holds.</summary>
    private Interaction[] _recent = [];

    [JsonPropertyName("customerId")] public string CustomerId { get; set; } = "";
    [JsonPropertyName("name")] public string? DisplayName { get; set; }
    [JsonPropertyName("owner")] public string? OwnerStaffId { get; set => field = SharedStrings.Share(value); }
    [JsonPropertyName("status")] public CustomerStatus Status { get; set; } = CustomerStatus.Unknown;
    [JsonPropertyName("tier")] public CustomerTier Tier { get; set; } = CustomerTier.Prospect;
    [JsonPropertyName("tags")] public TagSet Tags { get; init; } = new();
    [JsonPropertyName("counters")] public CustomerCounters Counters { get; set; } = new();
    [JsonPropertyName("firstSeenAt")] public DateTimeOffset? FirstSeenAt { get; set; }
    [JsonPropertyName("lastInteractionAt")] public DateTimeOffset? LastInteractionAt { get; set; }
    [JsonPropertyName("lastInboundAt")] public DateTimeOffset? LastInboundAt { get; set; }
    [JsonPropertyName("lastContactAt")] public DateTimeOffset? LastContactAt { get; set; }
    [JsonPropertyName("lastOrderAt")] public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>The latest interactions, oldest first.</summary>
    [JsonPropertyName("recent")]
    public IReadOnlyList<Interaction> RecentInteractions
    {
        get => _recent;
        init => _recent = [.. value.TakeLast(RecentInteractionLimit)];
    }

    [JsonPropertyName("nba")] public NextBestAction? NextBestAction { get; set; }
    [JsonPropertyName("engine")] public EngineState Engine { get; set; } = new();
    /// <summary>Journal sequence of the last event folded into this profile; replay starts after it.</summary>
    [JsonPropertyName("seq")] public long JournalSequence { get; set; }

    [JsonIgnore] public bool Exists => JournalSequence > 0 || OwnerStaffId is not null || Tags.Count > 0;

    /// <summary>
    /// True when the event is one of the recent interactions, so a retry is answered without a database round trip.
    /// False means "not known here", not "new": an older retry is refused by the journal's unique index on event ids.
    /// The answer is exact (ids are compared, not hashes), so no new event can ever be mistaken for a duplicate.
    /// Snapshots written before this kept the last 64 ids under <c>recentEventIds</c>; that property is ignored.
    /// </summary>
    public bool HasSeenEvent(string eventId)
    {
        foreach (var interaction in _recent)
            if (string.Equals(interaction.EventId, eventId, StringComparison.Ordinal)) return true;
        return false;
    }

    internal void Record(Interaction interaction)
    {
        if (_recent.Length < RecentInteractionLimit)
        {
            // Grown one entry at a time: most customers never fill the history, and spare capacity would be resident.
            var grown = new Interaction[_recent.Length + 1];
            _recent.CopyTo(grown, 0);
            _recent = grown;
        }
        else Array.Copy(_recent, 1, _recent, 0, _recent.Length - 1);
        _recent[^1] = interaction;
    }
}
