using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Scheduling;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// One decision in progress. Order: fold the input, cascade tag and tier changes through their rules, run due
/// timers, SOP steps (<see cref="SopSequencing"/>) and held nudges, then judge every candidate nudge
/// (<see cref="Arbitration"/>) and make the best raised one the customer's next-best-action.
/// <para>
/// Events are decided at their own time, whenever they arrive. What depends on order follows event time (see
/// <see cref="ProfileFold"/>, <see cref="RelationshipFold"/>, <see cref="NudgeLifecycle"/>), and a nudge a late
/// event would raise is not raised when, had the events arrived in order, it would already be closed again
/// (<see cref="NudgeLifecycle.WouldBeClosed"/>). A history event (<see cref="EventInput.History"/>) builds the
/// profile and closes what it closes, but raises nothing, starts no SOP and runs no timers.
/// </para>
/// <para>
/// A run is the scratch space of one decision at a time and is reused by the next decision on its thread
/// (<see cref="Decide"/>): its lists, sets and helpers are allocated once per thread, not once per decision, and
/// <see cref="Decision"/> gets copies of what is not empty. Every decision allocated them all before (a fifth of a
/// simulated decision's bytes), and the garbage collector's pauses were most of the simulator's time.
/// </para>
/// </summary>
internal sealed class DecisionRun
{
    /// <summary>Tag rules that add tags that trigger tag rules... stop here; each rule also fires at most once per decision.</summary>
    private const int MaxCascade = 8;

    [ThreadStatic] private static DecisionRun? t_spare;

    private CompiledPlaybook _playbook = CompiledPlaybook.Default;
    private CustomerProfile _customer = null!;
    private DecisionContext _ctx = null!;
    private EngineState _state = null!;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateTimeOffset _now;
    private EngineInput _input = null!;
    private string? _key;
    private readonly List<PlannedNudge> _candidates = [];
    private readonly List<string> _tagsAdded = [];
    private readonly List<string> _tagsRemoved = [];
    private readonly List<KeyValuePair<string, string>> _displaced = [];
    private readonly List<KeyValuePair<string, string?>> _fieldsSet = [];
    private readonly List<SequenceMove> _moves = [];
    private readonly List<LearningSignal> _signals = [];
    private readonly List<ClosedNudge> _closed = [];
    private readonly List<NudgeCredit> _credits = [];
    private readonly List<NudgeCredit> _conversions = [];
    private readonly HashSet<string> _firedRules = new(StringComparer.Ordinal);
    private readonly Queue<(string Tag, bool Added, string Key)> _tagChanges = new();
    private readonly NudgePlanner _planner = new();
    private readonly SopSequencing _sequences;
    private readonly NudgeLifecycle _lifecycle;
    private readonly Func<PlannedNudge, string?> _wouldBeClosed;
    private TierChange? _tierChange;
    private OwnerChange? _ownerChange;
    private bool _history;
    private DateTimeOffset? _timersDue;

    private DecisionRun()
    {
        _lifecycle = new NudgeLifecycle(_closed, _signals);
        _sequences = new SopSequencing(_planner, _candidates, _moves, _lifecycle);
        _wouldBeClosed = _lifecycle.WouldBeClosed;
    }

    /// <summary>
    /// Decides with this thread's run. The run is taken from the thread while it works, so a decision begun inside
    /// another (none is today) would get one of its own; one that throws is dropped rather than reused.
    /// </summary>
    public static Decision Decide(CompiledPlaybook playbook, CustomerProfile customer, EngineInput input, DecisionContext ctx)
    {
        var run = t_spare ?? new DecisionRun();
        t_spare = null;
        run.Bind(playbook, customer, ctx, input);
        var decision = run.Run();
        run.Reset();
        t_spare = run;
        return decision;
    }

    private void Bind(CompiledPlaybook playbook, CustomerProfile customer, DecisionContext ctx, EngineInput input)
    {
        (_playbook, _customer, _ctx, _input) = (playbook, customer, ctx, input);
        _state = customer.Engine;
        _zone = playbook.ZoneOf(customer);
        _now = ctx.Now;
        _planner.Bind(customer);
        _lifecycle.Bind(playbook, customer, _now);
        _sequences.Bind(playbook, customer, _now);
    }

    /// <summary>
    /// Empties the scratch for the next decision, so the run keeps none of this one's nudges, tags or texts (the
    /// lists keep their capacity: the largest decision's on this thread).
    /// </summary>
    private void Reset()
    {
        _candidates.Clear();
        _tagsAdded.Clear();
        _tagsRemoved.Clear();
        _displaced.Clear();
        _fieldsSet.Clear();
        _moves.Clear();
        _signals.Clear();
        _closed.Clear();
        _credits.Clear();
        _conversions.Clear();
        _firedRules.Clear();
        _tagChanges.Clear();
        (_tierChange, _ownerChange, _history, _timersDue, _key) = (null, null, false, null, null);
        (_customer, _ctx, _state, _input) = (null!, null!, null!, null!);
        _planner.Bind(null!);
    }

    private Decision Run()
    {
        switch (_input)
        {
            case EventInput ei:
                _history = ei.History;
                OnEvent(ei.Event, ei.JournalSequence);
                break;
            case TagInput ti:
                ChangeTag(ti.Tag, ti.Added, Key);
                break;
            case OutcomeInput oi:
                Attribution.Respond(_customer, oi, _now, _signals);
                break;
            case CampaignInput ci:
                PlanCampaign(ci);
                break;
        }
        RefreshTier();
        DrainTagChanges();
        if (!_history)
        {
            RunDueTimers();
            _sequences.RunDueSteps();
            ReleaseHeldNudges();
            DrainTagChanges();
        }
        _lifecycle.ExpireDue();
        Attribution.SettleUnanswered(_state, _playbook.Contact.AttributionWindow, _now, _signals);
        return Finish();
    }

    /// <summary>
    /// Nudge ids derive from the key of what raised them. An event id is unique in its tenant; a timer occurrence or a
    /// tag change is not (thousands of customers fall due at the same instant), so those keys name the customer.
    /// </summary>
    private string CustomerKey(string key) => _customer.CustomerId + "/" + key;

    /// <summary>The key of what this decision is about (see <see cref="CustomerKey"/>), built when a rule first needs it: most decisions fire none.</summary>
    private string Key => _key ??= _input switch
    {
        EventInput ei => ei.Event.Id,
        TagInput ti => CustomerKey($"tag:{ti.Tag}:{(ti.Added ? "+" : "-")}:{ti.At.UtcTicks}"),
        OutcomeInput oi => CustomerKey("outcome:" + oi.NudgeId),
        CampaignInput ci => CustomerKey(CampaignNudges.Source(ci.CampaignId)),
        _ => CustomerKey("timer:" + _now.UtcTicks),
    };

    private void OnEvent(CustomerEvent e, long journalSequence)
    {
        ProfileFold.Fold(_customer, e);
        _customer.JournalSequence = Math.Max(_customer.JournalSequence, journalSequence);
        _state.NoteEvent(e.Type, e.At);
        if (RelationshipFold.ChooseOwner(_customer, _playbook.FallbackOwner, out var previousOwner))
            _ownerChange = new OwnerChange(previousOwner, _customer.OwnerStaffId!);
        _lifecycle.OnEvent(e);
        _sequences.ExitOn(e);
        Attribution.Credit(_state, e, _playbook.Contact.AttributionWindow, _signals, _credits, _conversions);
        if (e.Type is EventTypes.MessageReceived or EventTypes.MomentLiked or EventTypes.MomentCommented or EventTypes.PageViewed)
            (_state.ActiveHours ??= new ContactHours()).Observe(e.At, _zone, _playbook.Contact.BestTimeHalfLife);
        if (e.Type == EventTypes.MessageReceived && !string.IsNullOrEmpty(e.Text))
            foreach (var tag in _playbook.Keywords.Match(e.Text))
                ChangeTag(tag, added: true, e.Id);
        // Indexed, as below: a foreach over an IReadOnlyList allocates its enumerator.
        var rules = _playbook.ForEvent(e.Type);
        for (var i = 0; i < rules.Count; i++)
            Fire(rules[i], e, e.Id);
    }

    private void RefreshTier()
    {
        var tier = _playbook.Tiers.TierOf(_customer, _now);
        if (tier == _customer.Tier) return;
        _tierChange = new TierChange(_customer.Tier, tier);
        _customer.Tier = tier;
        _planner.Invalidate();
        var rules = _playbook.OnTierChanged;
        for (var i = 0; i < rules.Count; i++)
            if (rules[i].Tier is null || rules[i].Tier == tier) Fire(rules[i], null, $"{Key}:tier:{tier}");
    }

    private void ChangeTag(string tag, bool added, string key)
    {
        var changed = added ? _customer.Tags.Add(tag) : _customer.Tags.Remove(tag);
        if (!changed) return;
        (added ? _tagsAdded : _tagsRemoved).Add(tag);
        (added ? _tagsRemoved : _tagsAdded).Remove(tag);
        _tagChanges.Enqueue((tag, added, key));
        if (added && _ctx.ExclusiveTags is { IsEmpty: false } exclusive)
            foreach (var rival in exclusive.Displaced(tag, _customer.Tags).ToList())
            {
                ChangeTag(rival, added: false, key);
                _displaced.Add(new(rival, tag));
            }
    }

    private void DrainTagChanges()
    {
        for (var processed = 0; _tagChanges.Count > 0 && processed < MaxCascade * 16; processed++)
        {
            var (tag, added, key) = _tagChanges.Dequeue();
            var rules = _playbook.ForTag(tag, added);
            for (var i = 0; i < rules.Count; i++)
                Fire(rules[i], null, $"{key}:{(added ? "+" : "-")}{tag}");
        }
        _tagChanges.Clear();
    }

    /// <summary>
    /// Fires every due timer, noting what each has pending afterwards: <see cref="Finish"/> needs the earliest, and
    /// working out a hundred yearly and idle timers twice per decision was a good part of its cost.
    /// </summary>
    private void RunDueTimers()
    {
        var timers = _playbook.Timers;
        for (var i = 0; i < timers.Count; i++)
        {
            var rule = timers[i];
            var next = TimerSchedule.Next(rule, _customer, _zone, _now);
            if (next is { } occurrence && occurrence.Due <= _now)
            {
                // The occurrence is consumed even when conditions fail: it is re-armed by a new anchor, not retried.
                // One that fell due too long ago (the customer's history was imported, or the platform was down) is
                // consumed without firing.
                (_state.Fired ??= new(StringComparer.Ordinal))[rule.Id] = occurrence.Anchor;
                if (Instants.Plus(occurrence.Due, _playbook.Contact.MaxLateness) >= _now) Fire(rule, null, CustomerKey(occurrence.Key), occurrence.Due);
                next = TimerSchedule.Next(rule, _customer, _zone, _now);
            }
            _timersDue = DecisionEngine.Min(_timersDue, next?.Due);
        }
    }

    /// <summary>
    /// The earliest pending timer occurrence now. What <see cref="RunDueTimers"/> noted still holds unless a rule set a
    /// field (a yearly date, the time zone); event times and fired occurrences do not change after it.
    /// </summary>
    private DateTimeOffset? TimersDue() =>
        _fieldsSet.Count == 0 && !_history ? _timersDue : DecisionEngine.NextTimerDue(_playbook, _customer, _playbook.ZoneOf(_customer), _now);

    /// <param name="since">When the rule's nudges would have been raised had events arrived in order; null: now.</param>
    private void Fire(CompiledRule rule, CustomerEvent? e, string key, DateTimeOffset? since = null)
    {
        if (_firedRules.Count >= MaxCascade * 64 || !_firedRules.Add(rule.Id)) return;
        if (!Conditions.All(rule.Conditions, _customer, e, _now)) return;
        var nudgeIndex = 0;
        foreach (var action in rule.Actions)
        {
            switch (action.Kind)
            {
                case ActionKinds.Nudge:
                    var id = NudgeIds.For(key, nudgeIndex++ == 0 ? rule.Id : $"{rule.Id}#{nudgeIndex}");
                    // Bounded per decision (see Decision.MaxCandidates): a stored playbook may fan out further than one sent now.
                    if (_history || _candidates.Count >= Decision.MaxCandidates) break;
                    _candidates.Add(_planner.Plan(action.Nudge!, id, rule.Id, rule.DescribeTrigger(), rule.Description, rule.Priority, rule.Value, rule.Lever, e,
                        since ?? _now));
                    break;
                case ActionKinds.AddTag:
                    ChangeTag(action.Tag!, added: true, key);
                    break;
                case ActionKinds.RemoveTag:
                    ChangeTag(action.Tag!, added: false, key);
                    break;
                case ActionKinds.SetField:
                    var value = action.Value!.Render(_customer, e);
                    _state.SetField(action.Field!, value);
                    _planner.Invalidate();
                    _fieldsSet.Add(new(action.Field!, value.Length == 0 ? null : value));
                    break;
                case ActionKinds.StartSequence:
                    if (!_history) _sequences.Start(action.Sequence!, key, rule.Id);
                    break;
                case ActionKinds.StopSequence:
                    _sequences.End(action.Sequence!, SequenceMoveKind.Stopped, "stopped by rule " + rule.Id);
                    break;
            }
        }
    }

    /// <summary>
    /// The campaign's nudge as a proactive candidate, unless this customer already has it (held, or raised and still
    /// remembered): a page worked again after a restart must not touch the customer twice.
    /// </summary>
    private void PlanCampaign(CampaignInput ci)
    {
        var id = CampaignNudges.IdFor(_customer.CustomerId, ci.CampaignId);
        if (_state.Held?.Exists(h => h.Nudge.Id == id) == true || _state.RecentNudges?.Exists(n => n.Id == id) == true) return;
        var variant = ci.Script.VariantFor(_customer.CustomerId, ci.CampaignId);
        var errors = new List<string>();
        var title = Template.Parse(variant?.Title ?? ci.Script.Title, errors).Render(_customer, null);
        var text = Template.Parse(variant?.Text ?? ci.Script.Text, errors).Render(_customer, null);
        var source = CampaignNudges.Source(ci.CampaignId);
        _candidates.Add(new PlannedNudge(id, CampaignNudges.Kind, title, text, text, CampaignNudges.Reason(ci.CampaignId), 50, source, "campaign",
            null, Proactive: true, Value: 1, Lever: 1) { Since = _now, Variant = variant?.Id });
    }

    private void ReleaseHeldNudges()
    {
        if (_state.Held is not { Count: > 0 } held) return;
        // In place and in order: most decisions of a customer holding nudges release none, and allocated nothing for it.
        for (var i = 0; i < held.Count;)
        {
            if (held[i].Until > _now)
            {
                i++;
                continue;
            }
            _candidates.Add(held[i].Nudge);
            held.RemoveAt(i);
        }
    }

    private Decision Finish()
    {
        var (judged, chosen) = Arbitration.Judge(_candidates, _playbook, _customer, _ctx, _zone, _wouldBeClosed);
        _lifecycle.CloseBeyondLimit();
        if (chosen is not null)
        {
            var n = chosen.Nudge;
            _customer.NextBestAction = new NextBestAction(n.Id, n.Kind, n.Title, n.Text, n.Reason, n.Priority, _now)
            {
                Why = Decision.Explain(judged, chosen),
            };
        }

        return new Decision
        {
            Candidates = judged,
            Chosen = chosen,
            TagsAdded = Copy(_tagsAdded),
            TagsRemoved = Copy(_tagsRemoved),
            Displaced = Copy(_displaced),
            FieldsSet = Copy(_fieldsSet),
            SequenceMoves = Copy(_moves),
            TierChange = _tierChange,
            OwnerChange = _ownerChange,
            Signals = Copy(_signals),
            Closed = Copy(_closed),
            Credits = Copy(_credits),
            Conversions = Copy(_conversions),
            NextDueAt = DecisionEngine.NextDueAt(_playbook, _customer, TimersDue()),
        };
    }

    /// <summary>What the decision hands out outlives the run's reused lists: a copy, or the shared empty array (most are empty).</summary>
    private static T[] Copy<T>(List<T> list) => list.Count == 0 ? [] : list.ToArray();
}
