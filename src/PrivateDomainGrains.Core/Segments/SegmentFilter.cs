namespace PrivateDomainGrains.Core.Segments;

/// <summary>
/// A segment's filter over the customer directory: every condition given must hold (an absent or null one holds for
/// everyone). JSON, camelCase (the API's body and what <c>pdg_segments.filter</c> stores):
/// <code>
/// { "tags": { "any": ["VIP"], "all": [], "none": ["投诉"] }, "tiers": ["SuperUser"], "statuses": ["Active"],
///   "owners": ["alice"], "teams": ["north"], "unowned": true,
///   "rfm": { "recency": { "min": 4 }, "frequency": { "min": 2, "max": 5 }, "monetary": { "max": 3 } },
///   "lifetimeValue": [ { "currency": "CNY", "min": 1000 } ],
///   "lastInteraction": { "after": "2026-11-01T00:00:00Z", "before": "...", "withinDays": 7, "notWithinDays": 30 },
///   "openNudges": { "min": 1 }, "fields": { "city": "上海" } }
/// </code>
/// Owners, teams and <c>unowned</c> are one condition: the owner is one of the owners or a member of one of the teams,
/// or (with <c>unowned</c>) there is none. Checked by <see cref="SegmentFilterValidator"/>, which names each error by
/// its JSON path.
/// </summary>
public sealed class SegmentFilter
{
    public TagCondition? Tags { get; set; }

    /// <summary>Tier names (<c>Prospect</c>, <c>FirstPurchase</c>, <c>Repeat</c>, <c>SuperUser</c>, <c>Dormant</c>); any of them.</summary>
    public string[]? Tiers { get; set; }

    /// <summary>Status names (<c>Unknown</c>, <c>Active</c>, <c>Lost</c>); any of them.</summary>
    public string[]? Statuses { get; set; }

    /// <summary>Staff ids; the customer's owner is any of them (or of <see cref="Teams"/>' members).</summary>
    public string[]? Owners { get; set; }

    /// <summary>Team names from the tenant's roster; their members as they are when the segment is counted or listed.</summary>
    public string[]? Teams { get; set; }

    /// <summary>True: customers no one owns count too (alone: only they).</summary>
    public bool? Unowned { get; set; }

    public RfmCondition? Rfm { get; set; }

    /// <summary>Lifetime value bounds per currency, all of which must hold; nothing spent in a currency is 0 in it.</summary>
    public MoneyRange[]? LifetimeValue { get; set; }

    public InteractionCondition? LastInteraction { get; set; }

    /// <summary>Bounds on the number of open nudges about the customer.</summary>
    public CountRange? OpenNudges { get; set; }

    /// <summary>Custom fields that must have exactly these values (the playbook's <c>setField</c>).</summary>
    public Dictionary<string, string>? Fields { get; set; }
}

/// <summary>Tags: at least one of <see cref="Any"/>, every one of <see cref="All"/>, none of <see cref="None"/>.</summary>
public sealed class TagCondition
{
    public string[]? Any { get; set; }
    public string[]? All { get; set; }
    public string[]? None { get; set; }
}

/// <summary>Bounds on the RFM scores (0-5, <c>Core/Tiers/RfmScores.cs</c>), recency as of the moment of asking.</summary>
public sealed class RfmCondition
{
    public CountRange? Recency { get; set; }
    public CountRange? Frequency { get; set; }
    public CountRange? Monetary { get; set; }
}

/// <summary>Inclusive bounds; a null bound is open.</summary>
public sealed class CountRange
{
    public int? Min { get; set; }
    public int? Max { get; set; }
}

/// <summary>Inclusive bounds on the lifetime value in one ISO 4217 currency, in major units.</summary>
public sealed class MoneyRange
{
    public string? Currency { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
}

/// <summary>
/// The last interaction: strictly after <see cref="After"/> and before <see cref="Before"/>, within the last
/// <see cref="WithinDays"/> days, or not within the last <see cref="NotWithinDays"/> days (which a customer who never
/// interacted meets; the others it does not).
/// </summary>
public sealed class InteractionCondition
{
    public DateTimeOffset? Before { get; set; }
    public DateTimeOffset? After { get; set; }
    public int? WithinDays { get; set; }
    public int? NotWithinDays { get; set; }
}
