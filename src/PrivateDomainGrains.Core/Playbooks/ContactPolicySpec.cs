using System.ComponentModel.DataAnnotations;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>How often and when proactive nudges may reach a customer. Durations use <see cref="Durations"/> syntax.</summary>
public sealed class ContactPolicySpec
{
    public List<ContactCapSpec> Caps { get; set; } = [];
    public QuietHoursSpec? QuietHours { get; set; }
    /// <summary>A rule whose nudges this customer dismissed this many times stops nudging about them.</summary>
    [Range(1, PlaybookValidator.MaxDismissals)]
    public int? SuppressAfterDismissals { get; set; }
    /// <summary>When the owner already has this many open nudges, proactive nudges wait <see cref="RetryAfter"/>.</summary>
    [Range(1, PlaybookValidator.MaxOpenNudgesCap)]
    public int? MaxOpenNudgesPerStaff { get; set; }
    /// <summary>
    /// A customer who had this many proactive touches in the last 7 days rests: a further proactive nudge waits until
    /// the oldest of them is a week old, or is dropped when that is more than a day after it fell due (campaigns are
    /// exempt). 0-50; 0 turns the rest off, leaving only <see cref="Caps"/>. The default 2 is what the decision simulator
    /// showed: touches beyond a customer's weekly tolerance cause most of the friends lost (README, "Decisions, proven").
    /// </summary>
    [Range(0, PlaybookValidator.MaxRestAfterTouches)]
    public int RestAfterTouches { get; set; } = 2;
    /// <summary>How long a proactive nudge that lost arbitration or met the staff cap waits before it is reconsidered.</summary>
    public string RetryAfter { get; set; } = "1h";
    /// <summary>A reply or order within this window after a nudge is credited to it.</summary>
    public string AttributionWindow { get; set; } = "48h";
    /// <summary>
    /// A timer occurrence or SOP step due longer ago than this is skipped, not sent: after a long outage, or for a
    /// history of events imported from the past, "welcome within minutes" is no longer the right thing to do.
    /// </summary>
    public string MaxLateness { get; set; } = "1d";
    /// <summary>
    /// An event that arrives longer than this after its time is history, as if sent with <c>"mode": "backfill"</c>: it
    /// builds the customer's history, counters, tier and relationships but raises no nudge and starts no SOP.
    /// </summary>
    public string BackfillAfter { get; set; } = "1d";
    /// <summary>How long a nudge stays open unanswered before it closes as expired (a nudge's own <c>expiresAfter</c> wins).</summary>
    public string NudgeExpiry { get; set; } = "3d";
    /// <summary>Half-life of the read/reply hour-of-week histogram behind the best contact time.</summary>
    public string BestTimeHalfLife { get; set; } = "30d";
}

/// <summary>At most <see cref="Max"/> proactive touches in any window of <see cref="Window"/>, optionally on one channel only.</summary>
public sealed class ContactCapSpec
{
    [Range(0, PlaybookValidator.MaxCapCount)]
    public int Max { get; set; }
    public string Window { get; set; } = "";
    public string? Channel { get; set; }
}

/// <summary>Local times (HH:mm, customer's zone) between which proactive nudges wait; may wrap midnight.</summary>
public sealed class QuietHoursSpec
{
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
}
