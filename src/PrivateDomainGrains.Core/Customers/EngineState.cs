using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Per-customer state of the decision engine (custom fields, event times for timers, SOP positions, contact history,
/// held nudges, learned timing). It travels with the profile, so a restart or an ownership change loses nothing.
/// JSON names are the storage contract. Collections stay null until first used: most customers never need most of
/// them, and a million activated grains pay for every empty collection.
/// </summary>
public sealed class EngineState
{
    /// <summary>Closed nudges remembered for attribution, at most.</summary>
    public const int RecentNudgeLimit = 16;

    /// <summary>
    /// Open nudges remembered, at most: past it the oldest open one is closed as expired (a customer with this many
    /// unanswered prompts is not served by one more).
    /// </summary>
    public const int OpenNudgeLimit = 64;

    /// <summary>
    /// Held nudges (proactive ones that lost arbitration and wait for a contact slot) kept, at most: past it the one held
    /// longest is dropped. One proactive touch is made at a time, so a customer never works through more than a few, and
    /// every held nudge is weighed again in each of the customer's decisions.
    /// </summary>
    public const int HeldNudgeLimit = 32;

    /// <summary>
    /// First and latest time of each event type, the anchors of <c>after</c> timers: one entry per type seen, in the
    /// order first seen, rather than two dictionaries (each with its buckets and its own copy of every type name).
    /// </summary>
    private EventTimes[]? _eventTimes;

    /// <summary>Latest <c>message.sent</c> per staff member (empty: unnamed), by event time: who already did what a nudge asks.</summary>
    private StaffTime[]? _sentBy;

    [JsonPropertyName("fields")] public Dictionary<string, string>? Fields { get; set; }
    /// <summary>Timer rule id -> the anchor (or occurrence) it last fired for, so an occurrence fires once.</summary>
    [JsonPropertyName("fired")] public Dictionary<string, DateTimeOffset>? Fired { get; set; }
    [JsonPropertyName("sequences")] public List<SequenceRun>? Sequences { get; set; }
    /// <summary>Proactive touches inside the longest contact-cap window.</summary>
    [JsonPropertyName("touches")] public List<Touch>? Touches { get; set; }
    [JsonPropertyName("held")] public List<HeldNudge>? Held { get; set; }
    /// <summary>Nudge source (rule id or sequence/step) -> times this customer's owner dismissed it.</summary>
    [JsonPropertyName("dismissals")] public Dictionary<string, int>? Dismissals { get; set; }
    /// <summary>Raised nudges: every open one, and the latest closed ones (for attribution), oldest first.</summary>
    [JsonPropertyName("recentNudges")] public List<SentNudge>? RecentNudges { get; set; }
    [JsonPropertyName("activeHours")] public ContactHours? ActiveHours { get; set; }

    public string? Field(string name) => Fields is not null && Fields.TryGetValue(name, out var v) ? v : null;

    public DateTimeOffset? FirstTime(string eventType) => IndexOf(eventType) is var i and >= 0 ? _eventTimes![i].First : null;

    public DateTimeOffset? LastTime(string eventType) => IndexOf(eventType) is var i and >= 0 ? _eventTimes![i].Last : null;

    public DateTimeOffset? FiredFor(string ruleId) => Fired is not null && Fired.TryGetValue(ruleId, out var t) ? t : null;

    public int DismissalsOf(string source) => Dismissals is not null && Dismissals.TryGetValue(source, out var n) ? n : 0;

    internal void NoteEvent(string type, DateTimeOffset at)
    {
        var i = IndexOf(type);
        if (i < 0) Append(new EventTimes(type, at, at));
        else
        {
            ref var times = ref _eventTimes![i];
            if (at < times.First) times.First = at;
            if (at > times.Last) times.Last = at;
        }
    }

    /// <summary>Event time of the latest <c>message.sent</c> by the staff member (empty or null: events that named no one).</summary>
    public DateTimeOffset? LastSentBy(string? staffId)
    {
        foreach (var s in _sentBy ?? [])
            if (string.Equals(s.StaffId, staffId ?? "", StringComparison.Ordinal)) return s.At;
        return null;
    }

    internal void NoteSent(string? staffId, DateTimeOffset at)
    {
        for (var i = 0; i < (_sentBy?.Length ?? 0); i++)
        {
            if (!string.Equals(_sentBy![i].StaffId, staffId ?? "", StringComparison.Ordinal)) continue;
            if (at > _sentBy[i].At) _sentBy[i].At = at;
            return;
        }
        var grown = new StaffTime[(_sentBy?.Length ?? 0) + 1];
        _sentBy?.CopyTo(grown, 0);
        grown[^1] = new StaffTime(staffId ?? "", at);
        _sentBy = grown;
    }

    /// <summary>Every event type seen, with its first and latest time (for <see cref="CustomerMerge"/>).</summary>
    internal IEnumerable<(string Type, DateTimeOffset First, DateTimeOffset Last)> EventTimesSeen() =>
        (_eventTimes ?? []).Select(t => (t.Type, t.First, t.Last));

    /// <summary>Every staff member's latest <c>message.sent</c> (for <see cref="CustomerMerge"/>).</summary>
    internal IEnumerable<(string StaffId, DateTimeOffset At)> SentSeen() => (_sentBy ?? []).Select(s => (s.StaffId, s.At));

    [JsonInclude, JsonPropertyName("sentBy")]
    private Dictionary<string, DateTimeOffset>? SentByStaff
    {
        get => _sentBy?.ToDictionary(s => s.StaffId, s => s.At, StringComparer.Ordinal);
        set => _sentBy = value is null ? null : [.. value.Select(kv => new StaffTime(kv.Key, kv.Value))];
    }

    private struct StaffTime(string staffId, DateTimeOffset at)
    {
        public readonly string StaffId = SharedStrings.Share(staffId);
        public DateTimeOffset At = at;
    }

    /// <summary>Storage shape of the event times (unchanged from when they were two dictionaries): type -> first time.</summary>
    [JsonInclude, JsonPropertyName("firstAt")]
    private Dictionary<string, DateTimeOffset>? FirstAtByType
    {
        get => _eventTimes?.ToDictionary(t => t.Type, t => t.First, StringComparer.Ordinal);
        set => Merge(value, first: true);
    }

    [JsonInclude, JsonPropertyName("lastAt")]
    private Dictionary<string, DateTimeOffset>? LastAtByType
    {
        get => _eventTimes?.ToDictionary(t => t.Type, t => t.Last, StringComparer.Ordinal);
        set => Merge(value, first: false);
    }

    /// <summary>Either property may be read first; a type found in only one of them gets that time for both.</summary>
    private void Merge(Dictionary<string, DateTimeOffset>? times, bool first)
    {
        foreach (var (type, at) in times ?? [])
        {
            var i = IndexOf(type);
            if (i < 0) Append(new EventTimes(type, at, at));
            else if (first) _eventTimes![i].First = at;
            else _eventTimes![i].Last = at;
        }
    }

    private int IndexOf(string type)
    {
        if (_eventTimes is null) return -1;
        for (var i = 0; i < _eventTimes.Length; i++)
            if (string.Equals(_eventTimes[i].Type, type, StringComparison.Ordinal)) return i;
        return -1;
    }

    private void Append(EventTimes times)
    {
        var grown = new EventTimes[(_eventTimes?.Length ?? 0) + 1];
        _eventTimes?.CopyTo(grown, 0);
        grown[^1] = times;
        _eventTimes = grown;
    }

    private struct EventTimes(string type, DateTimeOffset first, DateTimeOffset last)
    {
        public readonly string Type = SharedStrings.Share(type);
        public DateTimeOffset First = first;
        public DateTimeOffset Last = last;
    }

    /// <summary>Sets a custom field (e.g. from a staff edit or an integration); null or empty clears it.</summary>
    public void SetField(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) Fields?.Remove(name);
        else (Fields ??= new(StringComparer.Ordinal))[name] = value;
    }

    /// <summary>
    /// Remembers a raised nudge and forgets the oldest closed ones beyond <see cref="RecentNudgeLimit"/>, but none still
    /// awaiting its outcome for learning (it settles within one attribution window, so they are few).
    /// </summary>
    internal void Remember(SentNudge nudge)
    {
        RememberOnly(nudge);
        ForgetOldestClosed();
    }

    /// <summary>
    /// Remembers a raised nudge, forgetting nothing yet: a decision raising several calls <see cref="ForgetOldestClosed"/>
    /// once after them. That forgets what forgetting after each would have (a raised nudge is open, or held out and
    /// awaiting its outcome: never forgotten itself), without counting the closed ones and shifting the list per nudge.
    /// </summary>
    internal void RememberOnly(SentNudge nudge) => (RecentNudges ??= []).Add(nudge);

    /// <summary>Forgets the oldest closed nudges beyond <see cref="RecentNudgeLimit"/> that no longer await their outcome, in place.</summary>
    internal void ForgetOldestClosed()
    {
        if (RecentNudges is not { } nudges) return;
        var closed = 0;
        foreach (var n in nudges)
            if (!n.Open) closed++;
        if (closed <= RecentNudgeLimit) return;
        var kept = 0;
        for (var i = 0; i < nudges.Count; i++)
        {
            var n = nudges[i];
            if (closed > RecentNudgeLimit && !n.Open && !n.Awaiting) closed--;
            else nudges[kept++] = n;
        }
        nudges.RemoveRange(kept, nudges.Count - kept);
    }

    /// <summary>
    /// Open and held nudges addressed to <paramref name="from"/> by name now go to <paramref name="to"/> (the successor
    /// of a staff member who left): a held one is raised later, and must not be raised to the leaver then. Nudges
    /// addressed to the owner follow the owner without this.
    /// </summary>
    public void Readdress(string from, string to)
    {
        foreach (var n in RecentNudges ?? [])
            if (n.Open && n.To == from) n.To = to;
        if (Held is not { } held) return;
        for (var i = 0; i < held.Count; i++)
            if (held[i].Nudge.To == from) held[i] = held[i] with { Nudge = held[i].Nudge with { To = to } };
    }

    /// <summary>The open nudge with that id, if the customer has it.</summary>
    public SentNudge? OpenNudge(string nudgeId)
    {
        foreach (var n in RecentNudges ?? [])
            if (n.Open && n.Is(nudgeId)) return n;
        return null;
    }
}

/// <summary>Where a customer is in one SOP sequence: <see cref="Step"/> is the index of the next step to run.</summary>
public sealed class SequenceRun
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("step")] public int Step { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset StartedAt { get; set; }
    /// <summary>What started it (event id or timer occurrence): step nudge ids derive from it.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = "";
    /// <summary>An exit event dated after the start but folded before it: only the steps due before it are raised.</summary>
    [JsonPropertyName("endsAt")] public DateTimeOffset? EndsAt { get; set; }
    /// <summary>
    /// Starts dated after this run's start, earliest first, at most <see cref="LaterLimit"/>: had the run ended before
    /// one of them (a late exit, its last step), that one starts the next run.
    /// </summary>
    [JsonPropertyName("later")] public List<PendingStart>? Later { get; set; }

    public const int LaterLimit = 8;

    internal void Remember(PendingStart start)
    {
        Later ??= [];
        if (Later.Exists(p => p.At == start.At)) return;
        var at = Later.FindIndex(p => p.At > start.At);
        Later.Insert(at < 0 ? Later.Count : at, start);
        if (Later.Count > LaterLimit) Later.RemoveAt(Later.Count - 1);
    }
}

/// <summary>A start of a SOP at <see cref="At"/> by what <see cref="Key"/> names, heard of while a run was going.</summary>
public sealed record PendingStart(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("key")] string Key);

public sealed record Touch(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("channel")] string? Channel);

/// <summary>A proactive nudge waiting for a contact policy to allow it; it is reconsidered at <see cref="Until"/>.</summary>
public sealed record HeldNudge(
    [property: JsonPropertyName("nudge")] PlannedNudge Nudge,
    [property: JsonPropertyName("until")] DateTimeOffset Until,
    [property: JsonPropertyName("policy")] string Policy);

/// <summary>
/// A raised nudge, remembered while it is open (so it can close when it no longer applies: done by the owner's own
/// action, obsolete, expired) and for a while after (so a reply or order can be credited to it).
/// </summary>
public sealed class SentNudge
{
    private CompactNudgeId _id = CompactNudgeId.From("");

    [JsonPropertyName("id")] public string Id { get => _id.ToString(); set => _id = CompactNudgeId.From(value); }
    /// <summary>A rule or step id: shared across customers, like <see cref="Segment"/>.</summary>
    [JsonPropertyName("source")] public string Source { get; set => field = SharedStrings.Share(value); } = "";
    [JsonPropertyName("segment")] public string Segment { get; set => field = SharedStrings.Share(value); } = "";
    [JsonPropertyName("at")] public DateTimeOffset At { get; set; }
    /// <summary>When it would have been raised had events arrived in order (<c>PlannedNudge.Since</c>), when not <see cref="At"/>.</summary>
    [JsonPropertyName("since")] public DateTimeOffset? Since { get; set; }

    /// <summary>Only what happens from this time on can do or obsolete it.</summary>
    [JsonIgnore] public DateTimeOffset From => Since ?? At;
    /// <summary>
    /// The staff member it is addressed to by name (an action addressed to the event's staff); null: whoever owns the
    /// customer (it follows the owner, and waits in the unassigned queue while there is none).
    /// </summary>
    [JsonPropertyName("to")] public string? To { get; set => field = SharedStrings.Share(value); }
    /// <summary>Outcomes already credited to it (<see cref="Credit"/> flags), so each counts once.</summary>
    [JsonPropertyName("credits")] public Credit Credits { get; set; }
    /// <summary>Replies and orders within the window after it was raised, acted on or not (for tests against a holdout), each counted once.</summary>
    [JsonPropertyName("converted")] public Credit Converted { get; set; }
    /// <summary>Not yet done, dismissed, expired or obsolete. Nudges remembered before lifecycles existed read as closed.</summary>
    [JsonPropertyName("open")] public bool Open { get; set; }
    [JsonPropertyName("proactive")] public bool Proactive { get; set; }
    /// <summary>When it closes as expired if still open.</summary>
    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Event types by which the owner does it without the console.</summary>
    [JsonPropertyName("doneOn")] public string[]? DoneOn { get; set; }
    /// <summary>When it was done (in the console or by the owner's own action): the start of its attribution window.</summary>
    [JsonPropertyName("actedAt")] public DateTimeOffset? ActedAt { get; set; }
    /// <summary>
    /// Its outcome for learning is still to come (one per nudge: a credited reply or order, a dismissal, expiry, or the
    /// attribution window closing after it was acted on, see <c>Attribution</c>). Nudges remembered before the rule read
    /// as settled: they taught under the old one.
    /// </summary>
    [JsonPropertyName("awaiting")] public bool Awaiting { get; set; }

    /// <summary>When its attribution window closes with nothing credited, if it was acted on and still awaits its outcome.</summary>
    public DateTimeOffset? SettlesAt(TimeSpan window) => Awaiting && ActedAt is { } acted ? Instants.Plus(acted, window) : null;

    /// <summary>Snapshots written before credits were per outcome: credited then meant with everything.</summary>
    [JsonInclude, JsonPropertyName("credited")]
    private bool? LegacyCredited
    {
        get => null;
        set { if (value == true) Credits = Credit.Reply | Credit.Order; }
    }

    /// <summary>Whether this is the nudge with that id, without spelling out its own id.</summary>
    public bool Is(string nudgeId) => _id.Is(nudgeId);

    /// <summary>
    /// Whether this is the nudge <paramref name="action"/> points at: the two kept ids compared, where spelling the
    /// action's out and reading it back did both for every nudge a decision closes.
    /// </summary>
    public bool IsNextBestAction(NextBestAction action) => _id.Equals(action.CompactNudgeId);

    [Flags]
    public enum Credit { None = 0, Reply = 1, Order = 2 }
}
