namespace PrivateDomainGrains.Client;

/// <summary>Everything the platform holds about one customer (PIPL art. 45, GDPR art. 15), oldest first.</summary>
/// <param name="Profile">The customer now; null when only history is left.</param>
/// <param name="Identities">The identities it is known by (phone, unionid, external_userid...).</param>
/// <param name="Timeline">Events, nudges raised and how each closed, tag, owner and tier changes.</param>
/// <param name="Audit">Administrative actions about the customer.</param>
/// <param name="JournalDropped">What the tenant's journal retention dropped of its events (the timeline no longer lists them; the profile still counts them); null when nothing was.</param>
/// <param name="TagJobRows">Its rows in batch-tagging jobs: what named it (its id, or an identity's kind and masked value) and the result.</param>
public sealed record PersonalDataExport(string CustomerId, DateTimeOffset ExportedAt, CustomerView? Profile, IReadOnlyList<IdentityView> Identities,
    IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<AuditItem> Audit, JournalDroppedView? JournalDropped = null, IReadOnlyList<TagJobRowView>? TagJobRows = null);

/// <summary>The customer's row in a tag job: the job, the row's place, what named the customer (<c>phone:+86********011</c>), its status and error.</summary>
public sealed record TagJobRowView(string JobId, int Seq, string Input, string Status, string? Error);

/// <summary>Events of the customer journal retention dropped: how many, the oldest and newest <c>at</c> among them, and when events were last dropped.</summary>
public sealed record JournalDroppedView(long Events, DateTimeOffset OldestAt, DateTimeOffset NewestAt, DateTimeOffset DroppedAt);

/// <param name="Kind"><c>event</c>, <c>nudge-raised</c>, <c>nudge-closed</c> or <c>change</c>.</param>
/// <param name="What">The event type, nudge kind, how the nudge closed, or the kind of change.</param>
/// <param name="Detail">JSON: the event's data, the nudge's reason, the change's particulars.</param>
public sealed record TimelineItem(DateTimeOffset At, string Kind, string Id, string What, string? Channel, string? StaffId, string? Text, string? Detail);

/// <summary>One administrative action.</summary>
/// <param name="Actor"><c>admin-key</c>, <c>api-key</c>, <c>operator</c> or <c>staff:&lt;id&gt;</c>.</param>
/// <param name="Action">The API operation (its operationId, e.g. <c>EraseCustomerData</c>).</param>
/// <param name="Target">Other ids the request named, as JSON.</param>
/// <param name="Status">The HTTP status it was answered with.</param>
public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string? CustomerId, string? Target, int Status, string? RemoteAddress);

/// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditItem> Items, long? NextBefore);

/// <param name="Rows">Rows deleted, by table.</param>
public sealed record ErasureReport(string CustomerId, DateTimeOffset ErasedAt, IReadOnlyDictionary<string, int> Rows);
