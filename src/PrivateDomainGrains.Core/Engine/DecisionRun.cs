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
/// </summary>
internal sealed class DecisionRun
{
    /// <summary>Tag rules that add tags that trigger tag rules... stop here; each rule also fires at most once per decision.</summary>
    private const int MaxCascade = 8;

    private readonly CompiledPlaybook _playbook;
    private readonly CustomerProfile _customer;
    private readonly DecisionContext _ctx;
    private readonly EngineState _state;
    private readonly TimeZoneInfo _zone;
    private readonly DateTimeOffset _now;
    private readonly List<PlannedNudge> _candidates = [];
    private readonly List<string> _tagsAdded = [];
    private readonly List<string> _tagsRemoved = [];
    private readonly List<KeyValuePair<string, string?>> _fieldsSet = [];
    private readonly List<SequenceMove> _moves = [];
    private readonly List<LearningSignal> _signals = [];
    private readonly List<ClosedNudge> _closed = [];
    private readonly List<NudgeCredit> _credits = [];
    private readonly List<NudgeCredit> _conversions = [];
    private readonly HashSet<string> _firedRules = new(StringComparer.Ordinal);
    private readonly Queue<(string Tag, bool Added, string Key)> _tagChanges = new();
    private readonly NudgePlanner _planner;
    private readonly SopSequencing _sequences;
    private readonly NudgeLifecycle _lifecycle;
    private TierChange? _tierChange;
    private OwnerChange? _ownerChange;
    private bool _history;
    private DateTimeOffset? _timersDue;

    public DecisionRun(CompiledPlaybook playbook, CustomerProfile customer, DecisionContext ctx)
    {
        (_playbook, _customer, _ctx) = (playbook, customer, ctx);
        _state = customer.Engine;
        _zone = playbook.ZoneOf(customer);
        _now = ctx.Now;
        _planner = new NudgePlanner(customer);
        _lifecycle = new NudgeLifecycle(playbook, customer, _closed, _signals, _now);
        _sequences = new SopSequencing(playbook, customer, _planner, _candidates, _moves, _lifecycle, _now);
    }

    public Decision Run(EngineInput input)
    {
        string key;
        switch (input)
        {
            case EventInput ei:
                _history = ei.History;
                OnEvent(ei.Event, ei.JournalSequence);
                key = ei.Event.Id;
                break;
            case TagInput ti:
                key = CustomerKey($"tag:{ti.Tag}:{(ti.Added ? "+" : "-")}:{ti.At.UtcTicks}");
                ChangeTag(ti.Tag, ti.Added, key);
                break;
            case OutcomeInput oi:
                Attribution.Respond(_customer, oi, _now, _signals);
                key = CustomerKey("outcome:" + oi.NudgeId);
                break;
            case CampaignInput ci:
                key = CustomerKey(CampaignNudges.Source(ci.CampaignId));
                PlanCampaign(ci);
                break;
            default:
                key = CustomerKey("timer:" + _now.UtcTicks);
                break;
        }
        RefreshTier(key);
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
        foreach (var rule in _playbook.ForEvent(e.Type))
            Fire(rule, e, e.Id);
    }

    private void RefreshTier(string key)
    {
        var tier = _playbook.Tiers.TierOf(_customer, _now);
        if (tier == _customer.Tier) return;
        _tierChange = new TierChange(_customer.Tier, tier);
        _customer.Tier = tier;
        _planner.Invalidate();
        foreach (var rule in _playbook.OnTierChanged)
            if (rule.Tier is null || rule.Tier == tier) Fire(rule, null, $"{key}:tier:{tier}");
    }

    private void ChangeTag(string tag, bool added, string key)
    {
        var changed = added ? _customer.Tags.Add(tag) : _customer.Tags.Remove(tag);
        if (!changed) return;
        (added ? _tagsAdded : _tagsRemoved).Add(tag);
        (added ? _tagsRemoved : _tagsAdded).Remove(tag);
        _tagChanges.Enqueue((tag, added, key));
        if (added && _ctx.ExclusiveTags is { IsEmpty: false } exclusive)
            foreach (var rival in exclusive.Displaced(tag, _customer.Tags).ToList()) ChangeTag(rival, added: false, key);
    }

    private void DrainTagChanges()
    {
        for (var processed = 0; _tagChanges.Count > 0 && processed < MaxCascade * 16; processed++)
        {
            var (tag, added, key) = _tagChanges.Dequeue();
            foreach (var rule in _playbook.ForTag(tag, added))
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
        foreach (var rule in _playbook.Timers)
        {
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
        _candidates.Add(new PlannedNudge(id, CampaignNudges.Kind, title, text, text, "campaign " + ci.CampaignId, 50, source, "campaign",
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
        var (judged, chosen) = Arbitration.Judge(_candidates, _playbook, _customer, _ctx, _zone, _lifecycle.WouldBeClosed);
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
            TagsAdded = _tagsAdded,
            TagsRemoved = _tagsRemoved,
            FieldsSet = _fieldsSet,
            SequenceMoves = _moves,
            TierChange = _tierChange,
            OwnerChange = _ownerChange,
            Signals = _signals,
            Closed = _closed,
            Credits = _credits,
            Conversions = _conversions,
            NextDueAt = DecisionEngine.NextDueAt(_playbook, _customer, TimersDue()),
        };
    }
}
