using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Policy;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Judges the nudges one decision wants to raise. First each gets a verdict from the policies: suppressed (already
/// closed had events arrived in order, a proactive nudge with no one to address it to, lever off, dismissed too
/// often, a cap of 0), held (the owner's open-nudge cap, a contact cap's window, quiet hours, waiting for the customer's
/// active hour) or eligible. Reactive nudges (answers, alerts) are raised whatever the contact policy says, the first
/// <see cref="Decision.MaxReactiveRaised"/> of a decision (the rest are suppressed). Then arbitration: of
/// the eligible proactive nudges only the best scored is raised, one touch per decision; the runner-ups are held for
/// <see cref="ContactPolicy.RetryAfter"/> and compete again. The next-best-action is the best scored raised nudge.
/// Scores are propensity x value x context x lever (<see cref="Score"/>).
/// </summary>
public static class Arbitration
{
    /// <summary>
    /// The verdict on every candidate, the chosen one first and then by score, and the chosen one (null when nothing
    /// is raised). Updates the customer's engine state with the verdicts: the touch of the raised proactive nudge
    /// (touches older than every cap's window are forgotten), raised nudges remembered for attribution, held nudges
    /// queued until their time.
    /// </summary>
    /// <param name="wouldBeClosed">
    /// The policy that suppresses a candidate because it would already be closed had events arrived in order ("already
    /// expired at ...", see <see cref="NudgeLifecycle.WouldBeClosed"/>), or null.
    /// </param>
    public static Judgement Judge(IReadOnlyList<PlannedNudge> candidates, CompiledPlaybook playbook, CustomerProfile customer,
        DecisionContext ctx, TimeZoneInfo zone, Func<PlannedNudge, string?>? wouldBeClosed = null)
    {
        var state = customer.Engine;
        var contact = playbook.Contact;
        var now = ctx.Now;
        // Touches are remembered for the longest cap and for the customer's rest (the window a rest counts touches over).
        var rest = ctx.LetCustomersRest ? contact.RestAfterTouches : null;
        var cutoff = Instants.Plus(now, -(rest is null || contact.LongestWindow > RestWindow ? contact.LongestWindow : RestWindow));
        if (state.Touches is { } remembered) ForgetTouches(remembered, cutoff);
        // Most decisions (a page view, a timer with nothing due) have nothing to judge.
        if (candidates.Count == 0) return new Judgement(new List<Candidate>(0), null);
        var segment = customer.Tier.Name();

        var judged = new List<Candidate>(candidates.Count);
        var eligibleProactive = Eligible.Take();
        var reactiveRaised = 0;
        // Policies that read the same for every candidate they stop: worded once, when the first is stopped.
        string? staffCap = null, dismissed = null;
        // Both depend only on the customer and the moment, not on the candidate: work them out once.
        var context = state.ActiveHours?.ContextWeight(now, zone) ?? 1;
        // The contact policy's slot per channel, worked out once: nearly always one channel, so it is kept in locals.
        string? firstChannel = null;
        ContactScheduler.Slot firstSlot = default;
        Dictionary<string, ContactScheduler.Slot>? otherSlots = null;
        for (var k = 0; k < candidates.Count; k++)
        {
            var nudge = candidates[k];
            var score = ScoreOf(nudge, segment, context, ctx);
            if (wouldBeClosed?.Invoke(nudge) is { } closed) judged.Add(Suppress(nudge, score, closed));
            // Reactive nudges about a customer no one owns wait in the unassigned queue; outreach needs someone to do it.
            else if (nudge.To is null && customer.OwnerStaffId is null && nudge.Proactive) judged.Add(Suppress(nudge, score, "no owner"));
            else if (nudge.Lever == 0) judged.Add(Suppress(nudge, score, "lever off"));
            else if (contact.SuppressAfterDismissals is { } n && state.DismissalsOf(nudge.Source) >= n)
                judged.Add(Suppress(nudge, score, dismissed ??= $"dismissed {n} times"));
            else if (!nudge.Proactive)
                judged.Add(reactiveRaised++ < Decision.MaxReactiveRaised ? new Candidate(nudge, score, Verdict.Raised, null, null)
                    : Suppress(nudge, score, ReactiveBeyondBound));
            else if (contact.MaxOpenNudgesPerStaff is { } max && ctx.OwnerOpenNudges >= max)
                judged.Add(Hold(nudge, score, Instants.Plus(now, contact.RetryAfter), staffCap ??= $"staff cap {max} open nudges"));
            else
            {
                var channel = nudge.Channel ?? "";
                ContactScheduler.Slot slot;
                if (firstChannel is null)
                    (firstChannel, firstSlot) = (channel, slot = ContactScheduler.Earliest(contact, state.Touches ?? [], nudge.Channel, zone, now));
                else if (string.Equals(firstChannel, channel, StringComparison.Ordinal)) slot = firstSlot;
                else if (!(otherSlots ??= new(StringComparer.Ordinal)).TryGetValue(channel, out slot))
                    otherSlots[channel] = slot = ContactScheduler.Earliest(contact, state.Touches ?? [], nudge.Channel, zone, now);
                if (slot.Never) judged.Add(Suppress(nudge, score, slot.Policy!));
                else if (slot.At > now) judged.Add(Hold(nudge, score, slot.At, slot.Policy!));
                else eligibleProactive.Add(new Contender(nudge, score));
            }
        }

        if (rest is { } touches) LetTiredCustomerRest(eligibleProactive, judged, state.Touches, touches, now);
        if (ctx.WaitForActiveHour) DeferToActiveHour(eligibleProactive, judged, state, contact, zone, now);
        // One proactive touch per decision, the best scored; the rest wait and compete again.
        eligibleProactive.Sort(Contender.ByScore);
        string? lostTo = null;
        for (var i = 0; i < eligibleProactive.Count; i++)
        {
            var c = eligibleProactive[i];
            if (i == 0)
            {
                judged.Add(new Candidate(c.Nudge, c.Score, Verdict.Raised, null, null));
                // A held-out decision reaches no one: it takes the decision's touch, not the customer's.
                if (!c.Nudge.HeldOut) (state.Touches ??= []).Add(new Touch(now, c.Nudge.Channel));
            }
            else judged.Add(Hold(c.Nudge, c.Score, Instants.Plus(now, contact.RetryAfter), lostTo ??= "arbitration: lost to " + eligibleProactive[0].Nudge.Source));
        }
        Eligible.Return(eligibleProactive);

        // Raised nudges are remembered for attribution; held ones wait in the customer's state to compete again, once
        // per id (see AlreadyHeld: a decision can hold a hundred nudges, and a list scan per nudge is quadratic).
        HashSet<string>? heldIds = null;
        Candidate? chosen = null;
        for (var k = 0; k < judged.Count; k++)
        {
            var c = judged[k];
            if (c.Verdict == Verdict.Raised)
            {
                state.RememberOnly(NudgeLifecycle.Raised(c.Nudge, segment, now, contact.NudgeExpiry));
                if (!c.Nudge.HeldOut && (chosen is null || ByScore(c, chosen) < 0)) chosen = c;
            }
            else if (c.Verdict == Verdict.Held && !AlreadyHeld(state, c.Nudge.Id, ref heldIds, judged.Count))
                (state.Held ??= []).Add(new HeldNudge(c.Nudge, c.HoldUntil!.Value, c.Policy!));
        }
        state.ForgetOldestClosed();
        if (state.Held is { Count: > EngineState.HeldNudgeLimit } held) held.RemoveRange(0, held.Count - EngineState.HeldNudgeLimit);
        if (chosen is null) judged.Sort(ByScore);
        else ChosenFirst.Sort(judged, chosen);
        return new Judgement(judged, chosen);
    }

    /// <summary>Up to this many held nudges, whether one is held already is a scan; beyond it, a set of their ids.</summary>
    private const int HeldScanLimit = 16;

    /// <summary>
    /// Whether a nudge with this id is held already; <paramref name="ids"/> (built once the customer holds more than
    /// <see cref="HeldScanLimit"/>) then notes it as held. A few held nudges are scanned: no set is built for them.
    /// </summary>
    private static bool AlreadyHeld(EngineState state, string id, ref HashSet<string>? ids, int adding)
    {
        if (ids is null && state.Held is { Count: > HeldScanLimit }) ids = HeldIds(state, adding);
        if (ids is not null) return !ids.Add(id);
        foreach (var h in state.Held ?? [])
            if (string.Equals(h.Nudge.Id, id, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Forgets touches at or before <paramref name="cutoff"/>, in place and in order.</summary>
    private static void ForgetTouches(List<Touch> touches, DateTimeOffset cutoff)
    {
        var kept = 0;
        for (var i = 0; i < touches.Count; i++)
            if (touches[i].At > cutoff) touches[kept++] = touches[i];
        if (kept < touches.Count) touches.RemoveRange(kept, touches.Count - kept);
    }

    /// <summary>
    /// Sorts a decision's verdicts with the chosen one first, then <see cref="ByScore"/>: one comparer per thread
    /// rather than a closure per decision.
    /// </summary>
    private sealed class ChosenFirst
    {
        [ThreadStatic] private static ChosenFirst? t_comparer;
        private readonly Comparison<Candidate> _compare;
        private Candidate? _chosen;

        private ChosenFirst() => _compare = (a, b) => ReferenceEquals(a, _chosen) ? -1 : ReferenceEquals(b, _chosen) ? 1 : ByScore(a, b);

        public static void Sort(List<Candidate> judged, Candidate chosen)
        {
            if (judged.Count < 2) return;
            var comparer = t_comparer ??= new ChosenFirst();
            comparer._chosen = chosen;
            judged.Sort(comparer._compare);
            comparer._chosen = null;
        }
    }

    /// <summary>
    /// How long a proactive nudge may wait for the customer's active hour after it was first due
    /// (<see cref="PlannedNudge.Since"/>): a day, so every hour of the customer's day is within reach and no nudge waits twice.
    /// </summary>
    public static readonly TimeSpan ActiveHourWait = TimeSpan.FromDays(1);

    /// <summary>
    /// Proactive nudges the contact policy allows now wait for the customer's active hour when it is known
    /// (<see cref="ContactHours.BestWithinDay"/>, outside quiet hours) and comes within <see cref="ActiveHourWait"/> of
    /// when they were first due: a message is read, and answered, far more often at the hour the customer usually reads.
    /// A campaign's nudges keep the moment its operator chose.
    /// </summary>
    private static void DeferToActiveHour(List<Contender> eligible, List<Candidate> judged, EngineState state, ContactPolicy contact,
        TimeZoneInfo zone, DateTimeOffset now)
    {
        if (eligible.Count == 0 || state.ActiveHours?.BestWithinDay(now, zone, contact.QuietHours) is not { } best || best <= now) return;
        string? policy = null;
        var kept = 0;
        for (var i = 0; i < eligible.Count; i++)
        {
            var c = eligible[i];
            var n = c.Nudge;
            if (n.Kind == CampaignNudges.Kind || Instants.Plus(n.Since == default ? now : n.Since, ActiveHourWait) < best) eligible[kept++] = c;
            else judged.Add(Hold(n, c.Score, best, policy ??= $"customer's active hour {TimeZones.ToLocal(best, zone):HH\\:mm}"));
        }
        eligible.RemoveRange(kept, eligible.Count - kept);
    }

    /// <summary>The window over which a customer's proactive touches count towards a rest: a week, as fatigue is read.</summary>
    public static readonly TimeSpan RestWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// A customer who already had <paramref name="rest"/> proactive touches (on any channel) in the last <see cref="RestWindow"/>
    /// rests: a message read that tired answers far less often and is the one most likely to make the customer delete
    /// the friend. Eligible proactive nudges wait until the oldest of those touches leaves the window when that comes
    /// within <see cref="ActiveHourWait"/> of when they were first due; later than that they are dropped, not saved up
    /// and released in a row when the rest ends (a fresh trigger raises a fresh nudge). A campaign's nudges keep the
    /// moment its operator chose.
    /// </summary>
    private static void LetTiredCustomerRest(List<Contender> eligible, List<Candidate> judged, List<Touch>? touches, int rest, DateTimeOffset now)
    {
        if (eligible.Count == 0 || touches is null) return;
        var from = Instants.Plus(now, -RestWindow);
        var count = 0;
        foreach (var t in touches)
            if (t.At > from) count++;
        if (count < rest) return;
        // The touch times in the window, in order (a few: the caps bound them), on the stack.
        Span<DateTimeOffset> recent = count <= 64 ? stackalloc DateTimeOffset[count] : new DateTimeOffset[count];
        var r = 0;
        foreach (var t in touches)
            if (t.At > from) recent[r++] = t.At;
        recent.Sort();
        // Rested once enough touches have left the window that fewer than `rest` remain.
        var until = Instants.Plus(recent[count - rest], RestWindow);
        var policy = $"customer resting: {count} touches in {RestWindow.TotalDays:0} days";
        var kept = 0;
        for (var i = 0; i < eligible.Count; i++)
        {
            var c = eligible[i];
            var n = c.Nudge;
            if (n.Kind == CampaignNudges.Kind)
            {
                eligible[kept++] = c;
                continue;
            }
            judged.Add(Instants.Plus(n.Since == default ? now : n.Since, ActiveHourWait) >= until
                ? Hold(n, c.Score, until, policy)
                : Suppress(n, c.Score, policy));
        }
        eligible.RemoveRange(kept, eligible.Count - kept);
    }

    private static HashSet<string> HeldIds(EngineState state, int adding)
    {
        var ids = new HashSet<string>((state.Held?.Count ?? 0) + adding, StringComparer.Ordinal);
        foreach (var h in state.Held ?? []) ids.Add(h.Nudge.Id);
        return ids;
    }

    private static Score ScoreOf(PlannedNudge n, string segment, double context, DecisionContext ctx)
    {
        var propensity = ctx.Propensity is { } propensityOf ? propensityOf(n, segment)
            : ctx.Model is null ? 0.5
            : ctx.Random is null ? ctx.Model.Mean(n.Source, segment)
            : ctx.Model.Sample(n.Source, segment, ctx.Random);
        return new Score(propensity, n.Value, context, n.Lever);
    }

    /// <summary>Higher score first; ties by priority, then id, so the order is deterministic.</summary>
    private static int ByScore(Candidate a, Candidate b) => ByScore(a.Nudge, a.Score, b.Nudge, b.Score);

    private static int ByScore(PlannedNudge a, Score aScore, PlannedNudge b, Score bScore)
    {
        var c = bScore.Total.CompareTo(aScore.Total);
        if (c == 0) c = b.Priority.CompareTo(a.Priority);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// A proactive nudge the policies allow now, competing for the decision's one touch. Only the winner becomes a
    /// raised <see cref="Candidate"/>: every other gets its verdict (held, suppressed) once, rather than a raised
    /// candidate first and a second one with its verdict after.
    /// </summary>
    private readonly record struct Contender(PlannedNudge Nudge, Score Score)
    {
        public static readonly Comparison<Contender> ByScore = static (a, b) => Arbitration.ByScore(a.Nudge, a.Score, b.Nudge, b.Score);
    }

    /// <summary>
    /// The contenders' list, one per thread and taken while a judgement uses it (as <see cref="DecisionRun"/>'s
    /// scratch): a new list per decision grew its array three times over for a dozen contenders.
    /// </summary>
    private static class Eligible
    {
        [ThreadStatic] private static List<Contender>? t_spare;

        public static List<Contender> Take()
        {
            var list = t_spare ?? [];
            t_spare = null;
            return list;
        }

        /// <summary>Emptied, so the spare holds no nudges between decisions; it keeps its capacity.</summary>
        public static void Return(List<Contender> list)
        {
            list.Clear();
            t_spare = list;
        }
    }

    /// <summary>Why a reactive nudge past <see cref="Decision.MaxReactiveRaised"/> in one decision is suppressed.</summary>
    private static readonly string ReactiveBeyondBound = $"at most {Decision.MaxReactiveRaised} answers raised per decision";

    private static Candidate Suppress(PlannedNudge n, Score s, string policy) => new(n, s, Verdict.Suppressed, policy, null);

    private static Candidate Hold(PlannedNudge n, Score s, DateTimeOffset until, string policy) => new(n, s, Verdict.Held, policy, until);
}

/// <summary>What <see cref="Arbitration.Judge"/> decided: every candidate with its verdict (chosen first, then by score).</summary>
public readonly record struct Judgement(List<Candidate> Candidates, Candidate? Chosen);
