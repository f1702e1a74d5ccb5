using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Policy;

/// <summary>The compiled contact policy of a playbook.</summary>
public sealed class ContactPolicy
{
    public static readonly ContactPolicy None = From(new ContactPolicySpec());

    public required IReadOnlyList<ContactCap> Caps { get; init; }
    public QuietHours? QuietHours { get; init; }
    public int? SuppressAfterDismissals { get; init; }
    public int? MaxOpenNudgesPerStaff { get; init; }
    /// <summary>Proactive touches in a week before the customer rests (<see cref="ContactPolicySpec.RestAfterTouches"/>); null when off.</summary>
    public int? RestAfterTouches { get; init; }
    public TimeSpan RetryAfter { get; init; }
    public TimeSpan AttributionWindow { get; init; }
    public TimeSpan BestTimeHalfLife { get; init; }
    /// <summary>Timer occurrences and SOP steps due longer ago than this are skipped rather than raised late.</summary>
    public TimeSpan MaxLateness { get; init; }
    /// <summary>Events arriving longer than this after their time are history: they raise no nudges.</summary>
    public TimeSpan BackfillAfter { get; init; }
    /// <summary>How long a nudge stays open unanswered unless its action says otherwise.</summary>
    public TimeSpan NudgeExpiry { get; init; }
    /// <summary>How long touches must be remembered to evaluate every cap (worked out once: every decision asks).</summary>
    public TimeSpan LongestWindow => _longestWindow ??= Caps.Count == 0 ? TimeSpan.Zero : Caps.Max(c => c.Window);

    private TimeSpan? _longestWindow;

    public static ContactPolicy From(ContactPolicySpec spec) => new()
    {
        Caps = [.. (spec.Caps ?? []).Select(c => new ContactCap(c.Max, Durations.Parse(c.Window), c.Channel))],
        QuietHours = spec.QuietHours is { } q ? new QuietHours(LocalTimes.Parse(q.Start), LocalTimes.Parse(q.End)) : null,
        SuppressAfterDismissals = spec.SuppressAfterDismissals,
        MaxOpenNudgesPerStaff = spec.MaxOpenNudgesPerStaff,
        RestAfterTouches = spec.RestAfterTouches > 0 ? spec.RestAfterTouches : null,
        RetryAfter = Durations.Parse(spec.RetryAfter),
        AttributionWindow = Durations.Parse(spec.AttributionWindow),
        BestTimeHalfLife = Durations.Parse(spec.BestTimeHalfLife),
        MaxLateness = Durations.Parse(spec.MaxLateness),
        NudgeExpiry = Durations.Parse(spec.NudgeExpiry),
        BackfillAfter = Durations.Parse(spec.BackfillAfter),
    };
}

/// <summary>At most <see cref="Max"/> proactive touches in any rolling <see cref="Window"/>; on <see cref="Channel"/> only, or all when null.</summary>
public sealed record ContactCap(int Max, TimeSpan Window, string? Channel)
{
    // Get-only, so no `with` can leave the formatted text below behind.
    public int Max { get; } = Max;
    public TimeSpan Window { get; } = Window;
    public string? Channel { get; } = Channel;

    public bool Covers(string? channel) => Channel is null || string.Equals(Channel, channel, StringComparison.Ordinal);

    // Formatted once: a held nudge's policy names its cap, and arbitration asks at every hold.
    private readonly string _text = Channel is null ? $"cap {Max} per {Window}" : $"cap {Max} per {Window} on {Channel}";

    public override string ToString() => _text;
}
