namespace PrivateDomainGrains.Client;

/// <summary>
/// A segment's filter over the customer directory: every condition given must hold; a null one holds for everyone.
/// Owners, teams and <see cref="Unowned"/> are one condition (the owner is one of the owners or a member of one of the
/// teams, or with <see cref="Unowned"/> there is none).
/// </summary>
/// <param name="Tiers"><c>Prospect</c>, <c>FirstPurchase</c>, <c>Repeat</c>, <c>SuperUser</c>, <c>Dormant</c>; any of them.</param>
/// <param name="Statuses"><c>Unknown</c>, <c>Active</c>, <c>Lost</c>; any of them.</param>
/// <param name="LifetimeValue">Bounds per currency, all of which must hold; nothing spent in a currency is 0 in it.</param>
/// <param name="Fields">Custom fields that must have exactly these values.</param>
public sealed record SegmentFilter(
    TagCondition? Tags = null, IReadOnlyList<string>? Tiers = null, IReadOnlyList<string>? Statuses = null,
    IReadOnlyList<string>? Owners = null, IReadOnlyList<string>? Teams = null, bool? Unowned = null, RfmCondition? Rfm = null,
    IReadOnlyList<MoneyRange>? LifetimeValue = null, InteractionCondition? LastInteraction = null, CountRange? OpenNudges = null,
    IReadOnlyDictionary<string, string>? Fields = null);

/// <summary>At least one of <paramref name="Any"/>, every one of <paramref name="All"/>, none of <paramref name="None"/>.</summary>
public sealed record TagCondition(IReadOnlyList<string>? Any = null, IReadOnlyList<string>? All = null, IReadOnlyList<string>? None = null);

/// <summary>Bounds on the RFM scores (0-5); recency as of the moment of asking.</summary>
public sealed record RfmCondition(CountRange? Recency = null, CountRange? Frequency = null, CountRange? Monetary = null);

/// <summary>Inclusive bounds; null is open.</summary>
public sealed record CountRange(int? Min = null, int? Max = null);

/// <summary>Inclusive bounds on the lifetime value in one ISO 4217 currency, in major units.</summary>
public sealed record MoneyRange(string Currency, decimal? Min = null, decimal? Max = null);

/// <summary>The last interaction strictly after / before a moment, within the last N days, or not within them (never interacting included).</summary>
public sealed record InteractionCondition(DateTimeOffset? Before = null, DateTimeOffset? After = null, int? WithinDays = null, int? NotWithinDays = null);

/// <summary>What <c>CreateSegment</c> and <c>ReplaceSegment</c> take.</summary>
public sealed record SegmentRequest(string Name, SegmentFilter Filter, string? Description = null);

/// <summary>A saved segment; <paramref name="Version"/> is 1 when created, one more with every replace.</summary>
/// <param name="CreatedBy">The staff member who created it in the console: only they or an admin change it there (others get 403); null: created with the integration key.</param>
public sealed record SegmentView(string SegmentId, string Name, string? Description, SegmentFilter Filter, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? CreatedBy = null);

public sealed record SegmentList(IReadOnlyList<SegmentView> Items);

/// <summary>How many customers meet the filter, as of <paramref name="At"/>.</summary>
/// <param name="Exact">False: <paramref name="Count"/> is an estimate from a sample of the directory, to two significant figures
/// (the server gives one when an exact count would take too long, as for most of a million-customer tenant); show it as "about".</param>
public sealed record SegmentCount(long Count, DateTimeOffset At, bool Exact = true);

/// <summary>A segment member as the customer directory has it; lifetime value per ISO 4217 currency.</summary>
public sealed record SegmentMember(string CustomerId, string? Name, string? Owner, IReadOnlyList<string> Tags, string Tier, string Status,
    DateTimeOffset? LastInteractionAt, int OpenNudges, int Orders, RfmView Rfm, IReadOnlyDictionary<string, decimal> LifetimeValue);

/// <summary>One page of members by customer id; pass <paramref name="Next"/> as the cursor of the next page (null: the last).</summary>
public sealed record SegmentMemberPage(IReadOnlyList<SegmentMember> Items, string? Next);

/// <summary>What <c>PreviewSegment</c> takes: an unsaved filter and how many members to return with its count (0-500, 20 by default).</summary>
public sealed record SegmentPreviewRequest(SegmentFilter Filter, int? Limit = null);

/// <summary>The count of an unsaved filter and its first members; <paramref name="Exact"/> as in <see cref="SegmentCount"/>.</summary>
public sealed record SegmentPreview(long Count, DateTimeOffset At, IReadOnlyList<SegmentMember> Items, string? Next, bool Exact = true);
