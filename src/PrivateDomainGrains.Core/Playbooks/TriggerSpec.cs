using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// What makes a rule fire. One shape for all kinds (see <see cref="TriggerKinds"/>) so the JSON stays flat and
/// the validator can name every missing or misplaced field.
/// </summary>
public sealed class TriggerSpec
{
    public string Kind { get; set; } = "";
    /// <summary><c>event</c>: the event type; <c>after</c>: the anchor event type.</summary>
    public string? Event { get; set; }
    /// <summary><c>tagAdded</c> / <c>tagRemoved</c>.</summary>
    public string? Tag { get; set; }
    /// <summary><c>tierChanged</c>: the new tier; null means any change.</summary>
    public string? Tier { get; set; }
    /// <summary><c>after</c>: how long after the anchor, e.g. <c>5m</c>, <c>2h</c>, <c>3d</c> (see <see cref="Durations"/>).</summary>
    public string? Delay { get; set; }
    /// <summary><c>after</c>: <c>first</c> or <c>latest</c> (default) occurrence of the anchor event.</summary>
    public string? Anchor { get; set; }
    /// <summary><c>after</c>: cancel when this event type happened after the anchor.</summary>
    public string? Unless { get; set; }
    /// <summary><c>inactive</c>: days without any interaction.</summary>
    [Range(1, PlaybookValidator.MaxDays)]
    public int? Days { get; set; }
    /// <summary><c>annual</c>: the profile field holding the date (<c>yyyy-MM-dd</c> or <c>MM-dd</c>).</summary>
    public string? Field { get; set; }
    /// <summary><c>annual</c>: local time of day, <c>HH:mm</c>, in the customer's time zone.</summary>
    public string? At { get; set; }
}

public static class TriggerKinds
{
    public const string Event = "event";
    public const string TagAdded = "tagAdded";
    public const string TagRemoved = "tagRemoved";
    public const string TierChanged = "tierChanged";
    public const string After = "after";
    public const string Inactive = "inactive";
    public const string Annual = "annual";

    public static readonly IReadOnlyList<string> All = [Event, TagAdded, TagRemoved, TierChanged, After, Inactive, Annual];

    public static bool IsTimer(string kind) => kind is After or Inactive or Annual;
}
