namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// What merging two customers (the same person reached through two channels, issue 14) makes of their profiles: the
/// survivor keeps its id, its name, its owner and its place in every SOP it runs, and gains what the absorbed customer
/// has and it lacks. Pure: the grain calls it, storage moves the absorbed customer's journal, nudges, identities and
/// timeline to the survivor in the same commit.
/// <list type="bullet">
/// <item>history: the absorbed journal is appended after the survivor's, so <see cref="CustomerProfile.JournalSequence"/>
/// becomes the sum of both; recent interactions are interleaved by event time (the latest
/// <see cref="CustomerProfile.RecentInteractionLimit"/> stay);</item>
/// <item>counters: added (spend in another currency than the survivor's goes to its other currencies, never added across);</item>
/// <item>tags, relationships, handed-over staff, custom fields, timers fired, SOP runs, touches, held and remembered nudges:
/// united, the survivor's entry winning where both have one (a SOP both run continues at the survivor's step);
/// dismissals added;</item>
/// <item>times: the earliest first-seen, the latest of every last-* time and of every event type's times; status active
/// when either is; tier the higher (dormant only when both are); owner, name, next-best-action and active hours the
/// survivor's, or the absorbed one's where the survivor has none.</item>
/// </list>
/// </summary>
public static class CustomerMerge
{
    /// <summary>Folds <paramref name="absorbed"/> into <paramref name="survivor"/> (changed in place); <paramref name="absorbed"/> is only read.</summary>
    public static void Fold(CustomerProfile survivor, CustomerProfile absorbed)
    {
        if (survivor.DisplayName is null) (survivor.DisplayName, survivor.DisplayNameAt) = (absorbed.DisplayName, absorbed.DisplayNameAt);
        if (survivor.OwnerStaffId is null) (survivor.OwnerStaffId, survivor.OwnerBasis) = (absorbed.OwnerStaffId, absorbed.OwnerBasis);
        survivor.Status = Status(survivor.Status, absorbed.Status);
        survivor.Tier = Tier(survivor.Tier, absorbed.Tier);
        foreach (var tag in absorbed.Tags) survivor.Tags.Add(tag);
        Relationships(survivor, absorbed);
        foreach (var (from, to) in absorbed.HandedOver ?? [])
            (survivor.HandedOver ??= new(StringComparer.Ordinal)).TryAdd(from, to);
        Counters(survivor.Counters, absorbed.Counters);
        survivor.FirstSeenAt = Earliest(survivor.FirstSeenAt, absorbed.FirstSeenAt);
        survivor.LastInteractionAt = Latest(survivor.LastInteractionAt, absorbed.LastInteractionAt);
        survivor.LastInboundAt = Latest(survivor.LastInboundAt, absorbed.LastInboundAt);
        survivor.LastContactAt = Latest(survivor.LastContactAt, absorbed.LastContactAt);
        survivor.LastOrderAt = Latest(survivor.LastOrderAt, absorbed.LastOrderAt);
        foreach (var interaction in absorbed.RecentInteractions) survivor.Record(interaction);
        survivor.NextBestAction ??= absorbed.NextBestAction;
        Engine(survivor.Engine, absorbed.Engine);
        survivor.JournalSequence += absorbed.JournalSequence;
    }

    private static CustomerStatus Status(CustomerStatus a, CustomerStatus b) =>
        a == CustomerStatus.Active || b == CustomerStatus.Active ? CustomerStatus.Active
        : a == CustomerStatus.Lost || b == CustomerStatus.Lost ? CustomerStatus.Lost : CustomerStatus.Unknown;

    /// <summary>The higher tier by value; dormancy is a state of activity, and the merged customer has the activity of both.</summary>
    private static CustomerTier Tier(CustomerTier a, CustomerTier b) =>
        a == CustomerTier.Dormant ? b : b == CustomerTier.Dormant ? a : (CustomerTier)Math.Max((int)a, (int)b);

    /// <summary>
    /// The absorbed customer's friendships join the survivor's; one with a staff member both have is one friendship, as
    /// in a handover: the earlier start, the later change. A deletion the absorbed side heard that named no one ends
    /// only its own relationships (it did not delete the survivor's staff).
    /// </summary>
    private static void Relationships(CustomerProfile survivor, CustomerProfile absorbed)
    {
        foreach (var r in absorbed.Relationships ?? [])
        {
            var active = absorbed.IsActive(r);
            var ours = survivor.RelationshipWith(r.StaffId);
            if (ours is null)
            {
                (survivor.Relationships ??= []).Add(new Relationship
                {
                    StaffId = r.StaffId, Since = r.Since, Active = active, ChangedAt = r.ChangedAt, RemovedAt = r.RemovedAt, Channel = r.Channel,
                });
                continue;
            }
            if (r.Since < ours.Since) ours.Since = r.Since;
            if (r.ChangedAt > ours.ChangedAt) (ours.Active, ours.ChangedAt, ours.Channel) = (active, r.ChangedAt, r.Channel ?? ours.Channel);
            if (r.RemovedAt > ours.RemovedAt || ours.RemovedAt is null) ours.RemovedAt = r.RemovedAt ?? ours.RemovedAt;
        }
    }

    private static void Counters(CustomerCounters to, CustomerCounters from)
    {
        to.MessagesReceived += from.MessagesReceived;
        to.MessagesSent += from.MessagesSent;
        to.MomentLikes += from.MomentLikes;
        to.MomentComments += from.MomentComments;
        to.PageViews += from.PageViews;
        to.Orders += from.Orders;
        to.Refunds += from.Refunds;
        to.Events += from.Events;
        to.Currency ??= from.Currency;
        foreach (var (currency, amount) in from.SpendByCurrency())
        {
            if (currency == (to.Currency ?? CustomerCounters.NoCurrency)) to.Spend += amount;
            else
            {
                to.OtherSpend ??= new(StringComparer.Ordinal);
                to.OtherSpend[currency] = to.OtherSpend.GetValueOrDefault(currency) + amount;
            }
        }
    }

    private static void Engine(EngineState to, EngineState from)
    {
        foreach (var (name, value) in from.Fields ?? [])
            if (to.Field(name) is null) to.SetField(name, value);
        foreach (var (rule, at) in from.Fired ?? [])
            if (to.FiredFor(rule) is not { } ours || at > ours) (to.Fired ??= new(StringComparer.Ordinal))[rule] = at;
        foreach (var run in from.Sequences ?? [])
            if (to.Sequences?.Exists(s => s.Id == run.Id) != true) (to.Sequences ??= []).Add(run);
        if (from.Touches is { Count: > 0 })
            to.Touches = [.. (to.Touches ?? []).Concat(from.Touches).Distinct().OrderBy(t => t.At)];
        foreach (var held in from.Held ?? [])
            if (to.Held?.Exists(h => h.Nudge.Id == held.Nudge.Id) != true) (to.Held ??= []).Add(held);
        foreach (var (source, count) in from.Dismissals ?? [])
            (to.Dismissals ??= new(StringComparer.Ordinal))[source] = to.DismissalsOf(source) + count;
        if (from.RecentNudges is { Count: > 0 })
        {
            // Oldest first, as remembered; Remember keeps every open one and the latest closed ones.
            var all = (to.RecentNudges ?? []).Concat(from.RecentNudges.Where(n => to.RecentNudges?.Exists(o => o.Is(n.Id)) != true)).OrderBy(n => n.At).ToList();
            to.RecentNudges = null;
            foreach (var nudge in all) to.Remember(nudge);
        }
        to.ActiveHours ??= from.ActiveHours;
        foreach (var (type, first, last) in from.EventTimesSeen())
        {
            to.NoteEvent(type, first);
            to.NoteEvent(type, last);
        }
        foreach (var (staff, at) in from.SentSeen()) to.NoteSent(staff, at);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
