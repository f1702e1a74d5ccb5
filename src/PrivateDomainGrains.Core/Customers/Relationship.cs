using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// One staff member's friendship with the customer. WeCom lets several staff accounts add the same external contact,
/// and each can be deleted on its own, so the customer holds one relationship per staff member (the empty id stands
/// for events that named no one). Adds and deletes are folded by event time, last one wins and a delete wins a tie,
/// so the result does not depend on the order callbacks arrive in. JSON names are the storage contract.
/// </summary>
public sealed class Relationship
{
    [JsonPropertyName("staff")] public string StaffId { get; set => field = SharedStrings.Share(value); } = "";
    /// <summary>When the staff member was first added (event time).</summary>
    [JsonPropertyName("since")] public DateTimeOffset Since { get; set; }
    /// <summary>Whether the latest add or delete (by event time) was an add.</summary>
    [JsonPropertyName("active")] public bool Active { get; set; }
    /// <summary>Event time of the latest add or delete.</summary>
    [JsonPropertyName("changedAt")] public DateTimeOffset ChangedAt { get; set; }
    /// <summary>Event time of the latest deletion, even if an add came after it: nudges to them from before it no longer apply.</summary>
    [JsonPropertyName("removedAt")] public DateTimeOffset? RemovedAt { get; set; }
    [JsonPropertyName("channel")] public string? Channel { get; set => field = SharedStrings.Share(value); }
}
