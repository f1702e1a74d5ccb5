using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Policy;
using PrivateDomainGrains.Core.Scheduling;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// One decision in progress. Order: fold the input, cascade tag and tier changes through their rules, run due
/// timers, SOP steps and held nudges, then pass every candidate nudge through the contact policy and arbitration.
/// </summary>
internal sealed class DecisionRun(CompiledPlaybook playbook, CustomerProfile customer, DecisionContext ctx)
{
    /// <summary>Tag rules that add tags that trigger tag rules... stop here; each rule also fires at most once per decision.</summary>
    private const int MaxCascade = 8;

    private readonly EngineState _state = customer.Engine;
    private readonly TimeZoneInfo _zone = playbook.ZoneOf(customer);
    private readonly DateTimeOffset _now = ctx.Now;
    private readonly List<PlannedNudge> _candidates = [];
    private readonly List<string> _tagsAdded = [];
    private readonly List<string> _tagsRemoved = [];
    private readonly List<KeyValuePair<string, string?>> _fieldsSet = [];
    private readonly List<SequenceMove> _moves = [];
    private readonly List<LearningSignal> _signals = [];
    private readonly HashSet<string> _firedRules = new(StringComparer.Ordinal);
    private readonly Queue<(string Tag, bool Added, string Key)> _tagChanges = new();
    /// <summary>
    /// Texts rendered in this decision, by template source and whether the event is at hand: many rules share a
    /// title or script, and each would otherwise render and hold its own copy. Dropped when the tier or a field changes.
    /// </summary>
    private Dictionary<(Template Template, bool WithEvent), string>? _rendered;
    private TierChange? _tierChange;
    private DateTimeOffset? _timersDue;

    public Decision Run(EngineInput input)
    {
        string key;
        switch (input)
        {
            case EventInput ei:
                OnEvent(ei.Event, ei.JournalSequence);
                key = ei.Event.Id;
                break;
            case TagInput ti:
                key = CustomerKey($"tag:{ti.Tag}:{(ti.Added ? "+" : "-")}:{ti.At.UtcTicks}");
                ChangeTag(ti.Tag, ti.Added, key);
                break;
            case OutcomeInput oi:
                OnOutcome(oi);
                key = CustomerKey("outcome:" + oi.NudgeId);
                break;
            default:
                key = CustomerKey("timer:" + _now.UtcTicks);
                break;
        }
        RefreshTier(key);
        DrainTagChanges();
        RunDueTimers();
        RunDueSequenceSteps();
        ReleaseHeldNudges();
        DrainTagChanges();
        return Finish();
    }

    /// <summary>
    /// Nudge ids derive from the key of what raised them. An event id is unique in its tenant; a timer occurrence or a
    /// tag change is not (thousands of customers fall due at the same instant), so those keys name the customer.
    /// </summary>
    private string CustomerKey(string key) => customer.CustomerId + "/" + key;

    private void OnEvent(CustomerEvent e, long journalSequence)
    {
        ProfileFold.Fold(customer, e);
        customer.JournalSequence = Math.Max(customer.JournalSequence, journalSequence);
        _state.NoteEvent(e.Type, e.At);
        if (e.Type == EventTypes.MessageSent && customer.NextBestAction?.Kind is NudgeKinds.Reply or NudgeKinds.Welcome)
            customer.NextBestAction = null;
        ExitSequences(e.Type);
        CreditRecentNudges(e);
        if (e.Type is EventTypes.MessageReceived or EventTypes.MomentLiked or EventTypes.MomentCommented or EventTypes.PageViewed)
            (_state.ActiveHours ??= new ContactHours()).Observe(e.At, _zone, playbook.Contact.BestTimeHalfLife);
        if (e.Type == EventTypes.MessageReceived && !string.IsNullOrEmpty(e.Text))
            foreach (var tag in playbook.Keywords.Match(e.Text))
                ChangeTag(tag, added: true, e.Id);
        foreach (var rule in playbook.ForEvent(e.Type))
            Fire(rule, e, e.Id);
    }

    private void OnOutcome(OutcomeInput o)
    {
        var sent = _state.RecentNudges?.Find(n => n.Is(o.NudgeId));
        if (sent is null) return;
        if (o.Outcome == NudgeOutcome.Dismissed)
        {
            _state.Dismissals ??= new(StringComparer.Ordinal);
            _state.Dismissals[sent.Source] = _state.DismissalsOf(sent.Source) + 1;
        }
        _signals.Add(new LearningSignal(sent.Source, sent.Segment, o.Outcome, sent.Id));
    }

    /// <summary>A reply or order soon after a nudge is credited to it, once.</summary>
    private void CreditRecentNudges(CustomerEvent e)
    {
        NudgeOutcome outcome;
        if (e.Type == EventTypes.MessageReceived) outcome = NudgeOutcome.Replied;
        else if (e.Type == EventTypes.OrderPaid) outcome = NudgeOutcome.Ordered;
        else return;
        foreach (var sent in _state.RecentNudges ?? [])
        {
            if (sent.Credited || e.At < sent.At || e.At - sent.At > playbook.Contact.AttributionWindow) continue;
            sent.Credited = true;
            _signals.Add(new LearningSignal(sent.Source, sent.Segment, outcome, sent.Id));
        }
    }

    private void RefreshTier(string key)
    {
        var tier = playbook.Tiers.TierOf(customer, _now);
        if (tier == customer.Tier) return;
        _tierChange = new TierChange(customer.Tier, tier);
        customer.Tier = tier;
        _rendered?.Clear();
        foreach (var rule in playbook.OnTierChanged)
            if (rule.Tier is null || rule.Tier == tier) Fire(rule, null, $"{key}:tier:{tier}");
    }

    private void ChangeTag(string tag, bool added, string key)
    {
        var changed = added ? customer.Tags.Add(tag) : customer.Tags.Remove(tag);
        if (!changed) return;
        (added ? _tagsAdded : _tagsRemoved).Add(tag);
        (added ? _tagsRemoved : _tagsAdded).Remove(tag);
        _tagChanges.Enqueue((tag, added, key));
    }

    private void DrainTagChanges()
    {
        for (var processed = 0; _tagChanges.Count > 0 && processed < MaxCascade * 16; processed++)
        {
            var (tag, added, key) = _tagChanges.Dequeue();
            foreach (var rule in playbook.ForTag(tag, added))
                Fire(rule, null, $"{key}:{(added ? "+" : "-")}{tag}");
        }
        _tagChanges.Clear();
    }

    /// <summary>
    /// Fires every due timer, noting what each has pending afterwards: <see cref="Finish"/> needs the earliest, and
    /// working out a hundred yearly and idle timers twice per decision was a good part of its cost.
    /// </summary>
    private void RunDueTimers()
    {
        foreach (var rule in playbook.Timers)
        {
            var next = TimerSchedule.Next(rule, customer, _zone, _now);
            if (next is { } occurrence && occurrence.Due <= _now)
            {
                // The occurrence is consumed even when conditions fail: it is re-armed by a new anchor, not retried.
                (_state.Fired ??= new(StringComparer.Ordinal))[rule.Id] = occurrence.Anchor;
                Fire(rule, null, CustomerKey(occurrence.Key));
                next = TimerSchedule.Next(rule, customer, _zone, _now);
            }
            _timersDue = DecisionEngine.Min(_timersDue, next?.Due);
        }
    }

    /// <summary>
    /// The earliest pending timer occurrence now. What <see cref="RunDueTimers"/> noted still holds unless a rule set a
    /// field (a yearly date, the time zone); event times and fired occurrences do not change after it.
    /// </summary>
    private DateTimeOffset? TimersDue() =>
        _fieldsSet.Count == 0 ? _timersDue : DecisionEngine.NextTimerDue(playbook, customer, playbook.ZoneOf(customer), _now);

    private void Fire(CompiledRule rule, CustomerEvent? e, string key)
    {
        if (_firedRules.Count >= MaxCascade * 64 || !_firedRules.Add(rule.Id)) return;
        if (!Conditions.All(rule.Conditions, customer, e, _now)) return;
        var nudgeIndex = 0;
        foreach (var action in rule.Actions)
        {
            switch (action.Kind)
            {
                case ActionKinds.Nudge:
                    var id = NudgeIds.For(key, nudgeIndex++ == 0 ? rule.Id : $"{rule.Id}#{nudgeIndex}");
                    _candidates.Add((Plan(action.Nudge!, id, rule.Id, rule.DescribeTrigger(), rule.Description, rule.Priority, rule.Value, rule.Lever, e)));
                    break;
                case ActionKinds.AddTag:
                    ChangeTag(action.Tag!, added: true, key);
                    break;
                case ActionKinds.RemoveTag:
                    ChangeTag(action.Tag!, added: false, key);
                    break;
                case ActionKinds.SetField:
                    var value = action.Value!.Render(customer, e);
                    _state.SetField(action.Field!, value);
                    _rendered?.Clear();
                    _fieldsSet.Add(new(action.Field!, value.Length == 0 ? null : value));
                    break;
                case ActionKinds.StartSequence:
                    StartSequence(action.Sequence!, key, rule.Id);
                    break;
                case ActionKinds.StopSequence:
                    EndSequence(action.Sequence!, SequenceMoveKind.Stopped, "stopped by rule " + rule.Id);
                    break;
            }
        }
    }

    private PlannedNudge Plan(NudgeTemplate t, string id, string source, string trigger, string description,
        int priority, double value, double lever, CustomerEvent? e) => new(
        id, t.Kind,
        Render(t.Title, e),
        Render(t.Script, e),
        t.Suggested is null ? null : Render(t.Suggested, e),
        t.Reason is null ? description : Render(t.Reason, e),
        priority, source, trigger,
        t.Channel ?? e?.Channel ?? LatestChannel(),
        t.Proactive, value, lever);

    /// <summary>
    /// A nudge text. Besides the tier and fields, a template reads only the profile as the event left it and the event:
    /// within one decision <paramref name="e"/> is that event or null.
    /// </summary>
    private string Render(Template template, CustomerEvent? e)
    {
        if (template.IsConstant) return template.Render(customer, e);
        var key = (template, e is not null);
        if ((_rendered ??= new(BySource.Instance)).TryGetValue(key, out var text)) return text;
        return _rendered[key] = template.Render(customer, e);
    }

    private sealed class BySource : IEqualityComparer<(Template Template, bool WithEvent)>
    {
        public static readonly BySource Instance = new();

        public bool Equals((Template Template, bool WithEvent) x, (Template Template, bool WithEvent) y) =>
            x.WithEvent == y.WithEvent
            && (ReferenceEquals(x.Template, y.Template) || string.Equals(x.Template.Source, y.Template.Source, StringComparison.Ordinal));

        public int GetHashCode((Template Template, bool WithEvent) key) => key.Template.SourceHash ^ (key.WithEvent ? 1 : 0);
    }

    private string? LatestChannel()
    {
        for (var i = customer.RecentInteractions.Count - 1; i >= 0; i--)
            if (customer.RecentInteractions[i].Channel is { } channel) return channel;
        return null;
    }

    private void StartSequence(string id, string key, string ruleId)
    {
        if (_state.Sequences?.Exists(r => r.Id == id) == true) return;
        (_state.Sequences ??= []).Add(new SequenceRun { Id = id, Step = 0, StartedAt = _now, Key = key });
        _moves.Add(new SequenceMove(id, null, SequenceMoveKind.Started, "started by rule " + ruleId));
    }

    private void ExitSequences(string eventType)
    {
        foreach (var run in _state.Sequences?.ToArray() ?? [])
            if (playbook.Sequences.TryGetValue(run.Id, out var seq) && seq.ExitOn.Contains(eventType))
                EndSequence(run.Id, SequenceMoveKind.Exited, "exit on " + eventType);
    }

    /// <summary>Ends a run and drops its held step nudges: they no longer apply.</summary>
    private void EndSequence(string id, SequenceMoveKind kind, string why)
    {
        if (_state.Sequences is null || _state.Sequences.RemoveAll(r => r.Id == id) == 0) return;
        _state.Held?.RemoveAll(h => h.Nudge.Source.StartsWith(id + "/", StringComparison.Ordinal));
        _moves.Add(new SequenceMove(id, null, kind, why));
    }

    /// <summary>Raises the latest due step of each run; earlier due steps it overtook are skipped, not sent late in a burst.</summary>
    private void RunDueSequenceSteps()
    {
        foreach (var run in _state.Sequences?.ToArray() ?? [])
        {
            if (!playbook.Sequences.TryGetValue(run.Id, out var seq))
            {
                EndSequence(run.Id, SequenceMoveKind.Stopped, "no longer in the playbook");
                continue;
            }
            while (run.Step < seq.Steps.Length && run.StartedAt + seq.Steps[run.Step].Delay <= _now)
            {
                var step = seq.Steps[run.Step++];
                var overtaken = run.Step < seq.Steps.Length && run.StartedAt + seq.Steps[run.Step].Delay <= _now;
                if (overtaken)
                    _moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, "overtaken by a later due step"));
                else if (step.SkipIf.Length > 0 && Conditions.All(step.SkipIf, customer, null, _now))
                    _moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, "skip condition holds"));
                else
                {
                    var id = NudgeIds.For(run.Key, step.Source);
                    _candidates.Add((Plan(step.Nudge, id, step.Source, $"sequence {seq.Id} step {step.Id}", $"SOP {seq.Id}, step {step.Id}",
                        step.Priority, step.Value, step.Lever, null)));
                    _moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepRaised, $"due {step.Delay} after start"));
                }
            }
            if (run.Step >= seq.Steps.Length)
            {
                _state.Sequences!.Remove(run);
                _moves.Add(new SequenceMove(seq.Id, null, SequenceMoveKind.Completed, "all steps done"));
            }
        }
    }

    private void ReleaseHeldNudges()
    {
        if (_state.Held is not { Count: > 0 } held) return;
        foreach (var h in held.Where(h => h.Until <= _now).ToArray())
        {
            held.Remove(h);
            _candidates.Add(h.Nudge);
        }
    }

    private Decision Finish()
    {
        var contact = playbook.Contact;
        var cutoff = _now - contact.LongestWindow;
        _state.Touches?.RemoveAll(t => t.At <= cutoff);
        var segment = customer.Tier.ToString();

        var judged = new List<Candidate>(_candidates.Count);
        var eligibleProactive = new List<Candidate>();
        // Both depend only on the customer and the moment, not on the candidate: work them out once.
        var context = _state.ActiveHours?.ContextWeight(_now, _zone) ?? 1;
        Dictionary<string, ContactScheduler.Slot>? slots = null;
        foreach (var nudge in _candidates)
        {
            var score = ScoreOf(nudge, segment, context);
            if (customer.OwnerStaffId is null) judged.Add(Suppress(nudge, score, "no owner"));
            else if (nudge.Lever == 0) judged.Add(Suppress(nudge, score, "lever off"));
            else if (contact.SuppressAfterDismissals is { } n && _state.DismissalsOf(nudge.Source) >= n)
                judged.Add(Suppress(nudge, score, $"dismissed {n} times"));
            else if (!nudge.Proactive) judged.Add(new Candidate(nudge, score, Verdict.Raised, null, null));
            else if (contact.MaxOpenNudgesPerStaff is { } max && ctx.OwnerOpenNudges >= max)
                judged.Add(Hold(nudge, score, _now + contact.RetryAfter, $"staff cap {max} open nudges"));
            else
            {
                slots ??= new(StringComparer.Ordinal);
                if (!slots.TryGetValue(nudge.Channel ?? "", out var slot))
                    slots[nudge.Channel ?? ""] = slot = ContactScheduler.Earliest(contact, _state.Touches ?? [], nudge.Channel, _zone, _now);
                if (slot.Never) judged.Add(Suppress(nudge, score, slot.Policy!));
                else if (slot.At > _now) judged.Add(Hold(nudge, score, slot.At, slot.Policy!));
                else eligibleProactive.Add(new Candidate(nudge, score, Verdict.Raised, null, null));
            }
        }

        // Arbitration: one proactive touch per decision, the best scored; the rest wait and compete again.
        eligibleProactive.Sort(ByScore);
        string? lostTo = null;
        for (var i = 0; i < eligibleProactive.Count; i++)
        {
            var c = eligibleProactive[i];
            if (i == 0)
            {
                judged.Add(c);
                (_state.Touches ??= []).Add(new Touch(_now, c.Nudge.Channel));
            }
            else judged.Add(Hold(c.Nudge, c.Score, _now + contact.RetryAfter, lostTo ??= "arbitration: lost to " + eligibleProactive[0].Nudge.Source));
        }

        // Ids already held, as a set: a decision can hold a hundred nudges, and a list scan per nudge is quadratic.
        HashSet<string>? heldIds = null;
        Candidate? chosen = null;
        foreach (var c in judged)
        {
            if (c.Verdict == Verdict.Raised)
            {
                _state.Remember(new SentNudge { Id = c.Nudge.Id, Source = c.Nudge.Source, Segment = segment, At = _now });
                if (chosen is null || ByScore(c, chosen) < 0) chosen = c;
            }
            else if (c.Verdict == Verdict.Held)
            {
                heldIds ??= HeldIds(judged.Count);
                if (heldIds.Add(c.Nudge.Id)) (_state.Held ??= []).Add(new HeldNudge(c.Nudge, c.HoldUntil!.Value, c.Policy!));
            }
        }

        judged.Sort((a, b) => ReferenceEquals(a, chosen) ? -1 : ReferenceEquals(b, chosen) ? 1 : ByScore(a, b));
        if (chosen is not null)
        {
            var n = chosen.Nudge;
            customer.NextBestAction = new NextBestAction(n.Id, n.Kind, n.Title, n.Text, n.Reason, n.Priority, _now)
            {
                Why = Decision.Explain(judged, chosen),
            };
        }

        return new Decision
        {
            Candidates = judged,
            Chosen = chosen,
            TagsAdded = _tagsAdded,
            TagsRemoved = _tagsRemoved,
            FieldsSet = _fieldsSet,
            SequenceMoves = _moves,
            TierChange = _tierChange,
            Signals = _signals,
            NextDueAt = DecisionEngine.NextDueAt(playbook, customer, TimersDue()),
        };
    }

    private HashSet<string> HeldIds(int adding)
    {
        var ids = new HashSet<string>((_state.Held?.Count ?? 0) + adding, StringComparer.Ordinal);
        foreach (var h in _state.Held ?? []) ids.Add(h.Nudge.Id);
        return ids;
    }

    private Score ScoreOf(PlannedNudge n, string segment, double context)
    {
        var propensity = ctx.Model is null ? 0.5
            : ctx.Random is null ? ctx.Model.Mean(n.Source, segment)
            : ctx.Model.Sample(n.Source, segment, ctx.Random);
        return new Score(propensity, n.Value, context, n.Lever);
    }

    /// <summary>Higher score first; ties by priority, then id, so the order is deterministic.</summary>
    private static int ByScore(Candidate a, Candidate b)
    {
        var c = b.Score.Total.CompareTo(a.Score.Total);
        if (c == 0) c = b.Nudge.Priority.CompareTo(a.Nudge.Priority);
        return c != 0 ? c : string.CompareOrdinal(a.Nudge.Id, b.Nudge.Id);
    }

    private static Candidate Suppress(PlannedNudge n, Score s, string policy) => new(n, s, Verdict.Suppressed, policy, null);

    private static Candidate Hold(PlannedNudge n, Score s, DateTimeOffset until, string policy) => new(n, s, Verdict.Held, policy, until);
}
