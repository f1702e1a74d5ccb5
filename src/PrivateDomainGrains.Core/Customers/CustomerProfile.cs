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
    /// <summary>
    /// The staff member responsible for the customer: the one their nudges go to unless an action names the staff
    /// member concerned. See <see cref="OwnerBasis"/> for how it was chosen.
    /// </summary>
    [JsonPropertyName("owner")] public string? OwnerStaffId { get; set => field = SharedStrings.Share(value); }
    /// <summary>
    /// How the owner was chosen. Until someone assigns one, the owner is the first follower by event time
    /// (<see cref="OwnerBasis.Follower"/>), or the playbook's fallback owner while the customer has no follower.
    /// Owners from before this was recorded read as assigned, so they never change by themselves.
    /// </summary>
    [JsonPropertyName("ownerBasis")] public OwnerBasis OwnerBasis { get; set; } = OwnerBasis.Assigned;
    /// <summary>Active while any relationship is; lost once every one has been deleted; unknown before the first.</summary>
    [JsonPropertyName("status")] public CustomerStatus Status { get; set; } = CustomerStatus.Unknown;
    /// <summary>One per staff member who added (or was deleted by) the customer, in the order first heard of; null until then.</summary>
    [JsonPropertyName("relationships")] public List<Relationship>? Relationships { get; set; }
    /// <summary>Event time of the latest deletion that named no staff member: it ends every relationship changed before it.</summary>
    [JsonPropertyName("allRemovedAt")] public DateTimeOffset? AllRemovedAt { get; set; }
    /// <summary>
    /// Staff members whose relationship was handed over, each to whom holds it now (from → to, no chains); null until
    /// the first handover. Callbacks still naming them address the holder (see <see cref="AddresseeFor"/>).
    /// </summary>
    [JsonPropertyName("handedOver")] public Dictionary<string, string>? HandedOver { get; set; }
    /// <summary>Event time of the nickname <see cref="DisplayName"/> holds, so a late event does not overwrite a newer one.</summary>
    [JsonPropertyName("nameAt")] public DateTimeOffset? DisplayNameAt { get; set; }
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
    public bool HasSeenEvent(string eventId) => RecentInteraction(eventId) is not null;

    /// <summary>The recent interaction recorded for that event id, if it is one (see <see cref="HasSeenEvent"/>).</summary>
    public Interaction? RecentInteraction(string eventId)
    {
        foreach (var interaction in _recent)
            if (string.Equals(interaction.EventId, eventId, StringComparison.Ordinal)) return interaction;
        return null;
    }

    /// <summary>
    /// Keeps the interaction in event-time order (after any with the same time): a late event takes its place in the
    /// history, and one older than every interaction of a full history is not kept in memory (the journal has it).
    /// </summary>
    internal void Record(Interaction interaction)
    {
        var at = _recent.Length;
        while (at > 0 && _recent[at - 1].At > interaction.At) at--;
        if (_recent.Length < RecentInteractionLimit)
        {
            // Grown one entry at a time: most customers never fill the history, and spare capacity would be resident.
            var grown = new Interaction[_recent.Length + 1];
            Array.Copy(_recent, grown, at);
            Array.Copy(_recent, at, grown, at + 1, _recent.Length - at);
            grown[at] = interaction;
            _recent = grown;
        }
        else if (at > 0)
        {
            // Full: the oldest leaves, everything before the new one's place moves up one.
            Array.Copy(_recent, 1, _recent, 0, at - 1);
            _recent[at - 1] = interaction;
        }
    }

    /// <summary>The relationship with that staff member (the empty id: events that named no one), if any.</summary>
    public Relationship? RelationshipWith(string? staffId)
    {
        foreach (var r in Relationships ?? [])
            if (string.Equals(r.StaffId, staffId ?? "", StringComparison.Ordinal)) return r;
        return null;
    }

    /// <summary>
    /// The relationship of a staff member who left becomes their successor's (WeCom's 离职继承 transfers the external
    /// contact): merged into the successor's own if they have one, the earlier start and the later change winning.
    /// Events still naming the former staff member address the successor (<see cref="AddresseeFor"/>) whether or not a
    /// relationship was known: a customer assigned to them without one was handed over all the same, and a nudge such an
    /// event addressed to them let them go on seeing a customer that is no longer theirs.
    /// </summary>
    public void HandOverRelationship(string fromStaffId, string toStaffId)
    {
        Forward(fromStaffId, toStaffId);
        if (RelationshipWith(fromStaffId) is not { } from) return;
        if (RelationshipWith(toStaffId) is not { } to)
        {
            from.StaffId = toStaffId;
            return;
        }
        if (from.Since < to.Since) to.Since = from.Since;
        if (from.ChangedAt > to.ChangedAt) (to.Active, to.ChangedAt, to.Channel) = (from.Active, from.ChangedAt, from.Channel ?? to.Channel);
        if (from.RemovedAt > to.RemovedAt || to.RemovedAt is null) to.RemovedAt = from.RemovedAt ?? to.RemovedAt;
        Relationships!.Remove(from);
    }

    /// <summary>
    /// Who a nudge for an event naming <paramref name="staffId"/> goes to: that staff member, unless their relationship
    /// was handed over and they have none of their own since (a late or stale callback still naming them), then its holder.
    /// </summary>
    public string AddresseeFor(string staffId) =>
        RelationshipWith(staffId) is null && HandedOver?.GetValueOrDefault(staffId) is { } holder ? holder : staffId;

    private void Forward(string fromStaffId, string toStaffId)
    {
        HandedOver ??= new(StringComparer.Ordinal);
        HandedOver.Remove(toStaffId);
        foreach (var earlier in HandedOver.Where(h => h.Value == fromStaffId).Select(h => h.Key).ToList())
            HandedOver[earlier] = toStaffId;
        HandedOver[fromStaffId] = toStaffId;
    }

    /// <summary>Whether the relationship is current: its latest change was an add, after any deletion that named no one.</summary>
    public bool IsActive(Relationship r) => r.Active && (AllRemovedAt is not { } all || r.ChangedAt > all);

    /// <summary>When the customer was lost (the latest deletion by event time), or null while they are not.</summary>
    public DateTimeOffset? LostAt()
    {
        if (Status != CustomerStatus.Lost) return null;
        var at = AllRemovedAt;
        foreach (var r in Relationships ?? [])
            if (!r.Active && (at is null || r.ChangedAt > at)) at = r.ChangedAt;
        return at;
    }
}
