namespace PrivateDomainGrains.Client;

/// <summary>The signed-in staff member (<see cref="WorkbenchClient.GetMeAsync"/>).</summary>
/// <param name="Role"><c>staff</c>, <c>manager</c> or <c>admin</c>, as the roster has it now.</param>
public sealed record ConsoleMe(string Tenant, string StaffId, string Name, string Role, string? Team);

/// <summary>A customer in a list, as the customer directory has it.</summary>
/// <param name="Name">The display name; null when unknown.</param>
/// <param name="Remark">The owner's remark (the custom field <c>remark</c>).</param>
/// <param name="LastInteractionAt">To the minute; null when the customer never interacted.</param>
/// <param name="OpenNudges">Nudges about the customer not yet closed.</param>
/// <param name="Orders">Paid orders.</param>
/// <param name="Rfm">Recency (as of the answer), frequency and monetary scores, 0-5 each (0: never ordered).</param>
/// <param name="LifetimeValue">Paid minus refunded per currency, by currency code; never added across currencies.</param>
public sealed record ConsoleCustomerSummary(string CustomerId, string? Name, string? Owner, string? Remark, IReadOnlyList<string> Tags,
    string Tier, string Status, DateTimeOffset? LastInteractionAt, int OpenNudges, int Orders, RfmView Rfm, IReadOnlyList<MoneyView> LifetimeValue);

/// <param name="Next">Pass as <see cref="ConsoleCustomerQuery.After"/> for the next page; null on the last page.</param>
public sealed record ConsoleCustomerPage(IReadOnlyList<ConsoleCustomerSummary> Items, string? Next);

/// <summary>One entry of a customer's timeline.</summary>
/// <param name="Kind"><c>event</c>, <c>nudge-raised</c>, <c>nudge-closed</c> or <c>change</c>.</param>
/// <param name="What">The event type, the nudge kind, how the nudge closed, or the change (<c>tag-added</c>...).</param>
/// <param name="Detail">The particulars by name: the event's data, the nudge's <c>reason</c> and <c>source</c> (and a campaign's nudge its campaign's <c>campaignName</c>), who closed it (<c>by</c>), what changed and by whom.</param>
public sealed record ConsoleTimelineEntry(DateTimeOffset At, string Kind, string Id, string What, string? Channel, string? StaffId, string? Text,
    IReadOnlyDictionary<string, string?>? Detail);

/// <param name="Next">Pass as <c>before</c> for the next (older) page; null on the last page.</param>
public sealed record ConsoleTimelinePage(IReadOnlyList<ConsoleTimelineEntry> Items, string? Next);

/// <summary>What <see cref="WorkbenchClient.ListCustomersAsync"/> lists; every given condition holds.</summary>
/// <param name="Query">A fragment of the name, remark or id (at most 64 characters).</param>
/// <param name="Tier"><c>Prospect</c>, <c>FirstPurchase</c>, <c>Repeat</c>, <c>SuperUser</c> or <c>Dormant</c>.</param>
/// <param name="Status"><c>Unknown</c>, <c>Active</c> or <c>Lost</c>.</param>
/// <param name="Owner">Managers and admins: a staff member's id, or <c>none</c> for the customers no one owns.</param>
/// <param name="After">The <see cref="ConsoleCustomerPage.Next"/> of the previous page.</param>
/// <param name="Limit">1-200; 50 when null.</param>
public sealed record ConsoleCustomerQuery(string? Query = null, string? Tag = null, string? Tier = null, string? Status = null,
    bool? HasOpenNudges = null, string? Owner = null, string? After = null, int? Limit = null);

/// <param name="Result"><c>closed</c> (this call closed it), <c>already-closed</c> (an earlier call or the platform did: success), or <c>snoozed</c>.</param>
public sealed record NudgeActionResult(string NudgeId, string Result);

/// <param name="Until">When the nudge comes back: in the future, at most 30 days ahead.</param>
public sealed record SnoozeRequest(DateTimeOffset Until);

/// <param name="Remark">The owner's remark (备注) about the customer: at most 200 characters; null or empty clears it.</param>
public sealed record RemarkRequest(string? Remark);

/// <param name="SurvivorId">The customer the one in the path is the same person as; it keeps its id.</param>
public sealed record MergeIntoRequest(string SurvivorId);
