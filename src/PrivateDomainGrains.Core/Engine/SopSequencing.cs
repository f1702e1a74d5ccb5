using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// SOP sequences (standard operating procedures: a welcome, then follow-ups over days) for one decision. A run
/// starts from a rule's <c>startSequence</c> action, remembers its start and the key that started it (step nudge ids
/// derive from it), and raises each step when its delay from the start has passed, unless the step's
/// <c>skipIf</c> holds; an <c>exitOn</c> event, a <c>stopSequence</c> action or the sequence leaving the playbook
/// ends it and drops its held step nudges. Positions live in <see cref="EngineState.Sequences"/>, so they survive
/// restarts and move with the customer on a handover.
/// <para>
/// By event time, whatever the arrival order: a run starts at the time of what started it; an exit dated after the
/// start ends it (one already folded when it starts limits it to the steps due before the exit), one dated before
/// does not, and a late exit withdraws the step nudges that fell due after it. A start dated while a run is going is
/// remembered (<see cref="SequenceRun.Later"/>): when the run ends at a time before it, a new run starts from it; a
/// start heard of late that came before the running one restarts the run from it (the steps raised so far are
/// withdrawn and raised again as the earlier run's). Steps that fell due while the customer was not woken are raised
/// late, within <c>contactPolicy.maxLateness</c> (proactive ones one at a time, as arbitration has it).
/// </para>
/// </summary>
internal sealed class SopSequencing(NudgePlanner planner, List<PlannedNudge> candidates, List<SequenceMove> moves, NudgeLifecycle lifecycle)
{
    private CompiledPlaybook _playbook = CompiledPlaybook.Default;
    private CustomerProfile _customer = null!;
    private EngineState _state = null!;
    private DateTimeOffset _now;

    /// <summary>Points this (pooled) sequencing at one decision: its playbook, customer and time.</summary>
    public void Bind(CompiledPlaybook playbook, CustomerProfile customer, DateTimeOffset now) =>
        (_playbook, _customer, _state, _now) = (playbook, customer, customer.Engine, now);

    public void Start(string id, string key, string ruleId)
    {
        if (_state.Sequences?.Find(r => r.Id == id) is not { } running)
        {
            Begin(id, _now, key, "started by rule " + ruleId);
            return;
        }
        if (running.StartedAt <= _now)
        {
            running.Remember(new PendingStart(_now, key));
            return;
        }
        // In order, this start came first and the running one fell during its run: the run's steps so far go.
        lifecycle.WithdrawSteps(id, after: running.StartedAt.AddTicks(-1));
        running.Remember(new PendingStart(running.StartedAt, running.Key));
        (running.StartedAt, running.Key, running.Step, running.EndsAt) = (_now, key, 0, KnownExitAfter(id, _now));
        moves.Add(new SequenceMove(id, null, SequenceMoveKind.Started, "restarted from an earlier start by rule " + ruleId));
    }

    /// <summary>Ends every run whose sequence exits on this event's type and that started before it.</summary>
    public void ExitOn(CustomerEvent e)
    {
        foreach (var run in _state.Sequences?.ToArray() ?? [])
            if (_playbook.Sequences.TryGetValue(run.Id, out var seq) && seq.ExitOn.Contains(e.Type) && e.At > run.StartedAt)
            {
                End(run.Id, SequenceMoveKind.Exited, "exit on " + e.Type);
                lifecycle.WithdrawSteps(run.Id, after: e.At);
                Resume(run, e.At);
            }
    }

    /// <summary>Ends a run and drops its held step nudges: they no longer apply.</summary>
    public void End(string id, SequenceMoveKind kind, string why)
    {
        if (_state.Sequences is null || _state.Sequences.RemoveAll(r => r.Id == id) == 0) return;
        _state.Held?.RemoveAll(h => h.Nudge.Source.StartsWith(id + "/", StringComparison.Ordinal));
        moves.Add(new SequenceMove(id, null, kind, why));
    }

    /// <summary>Raises each due step of each run, skipping those due longer ago than the max lateness.</summary>
    public void RunDueSteps()
    {
        for (var i = 0; i < (_state.Sequences?.Count ?? 0); i++)
        {
            var run = _state.Sequences![i];
            if (!_playbook.Sequences.TryGetValue(run.Id, out var seq))
            {
                End(run.Id, SequenceMoveKind.Stopped, "no longer in the playbook");
                i--;
                continue;
            }
            while (run.Step < seq.Steps.Length && Due(run, seq, run.Step) is var due && due <= _now && !(due >= run.EndsAt))
            {
                var step = seq.Steps[run.Step++];
                if (Instants.Plus(due, _playbook.Contact.MaxLateness) < _now)
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, $"due more than {_playbook.Contact.MaxLateness} ago"));
                else if (step.SkipIf.Length > 0 && Conditions.All(step.SkipIf, _customer, null, _now))
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, "skip condition holds"));
                else
                {
                    var id = NudgeIds.For(run.Key, step.Source);
                    candidates.Add(planner.Plan(step.Nudge, id, step.Source, $"sequence {seq.Id} step {step.Id}", $"SOP {seq.Id}, step {step.Id}",
                        step.Priority, step.Value, step.Lever, null, due));
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepRaised, $"due {step.Delay} after start"));
                }
            }
            DateTimeOffset endedAt;
            if (run.Step >= seq.Steps.Length)
            {
                End(run.Id, SequenceMoveKind.Completed, "all steps done");
                endedAt = Due(run, seq, seq.Steps.Length - 1);
            }
            else if (run.EndsAt is { } end && Due(run, seq, run.Step) >= end)
            {
                End(run.Id, SequenceMoveKind.Exited, $"exit at {end:u}, before its next step");
                endedAt = end;
            }
            else continue;
            // The ended run was replaced by one that starts later in the list, or by nothing: look at this index again.
            i--;
            Resume(run, endedAt);
        }
    }

    private static DateTimeOffset Due(SequenceRun run, CompiledSequence seq, int step) => Instants.Plus(run.StartedAt, seq.Steps[step].Delay);

    private void Begin(string id, DateTimeOffset at, string key, string why, List<PendingStart>? later = null)
    {
        (_state.Sequences ??= []).Add(new SequenceRun { Id = id, Step = 0, StartedAt = at, Key = key, EndsAt = KnownExitAfter(id, at), Later = later });
        moves.Add(new SequenceMove(id, null, SequenceMoveKind.Started, why));
    }

    /// <summary>A start remembered during a run that ended at <paramref name="endedAt"/> begins the next run.</summary>
    private void Resume(SequenceRun ended, DateTimeOffset endedAt)
    {
        if (ended.Later is not { } later) return;
        var next = later.Where(p => p.At >= endedAt).MinBy(p => p.At);
        if (next is null) return;
        var rest = later.Where(p => p.At > next.At).ToList();
        Begin(ended.Id, next.At, next.Key, $"started at {next.At:u}, after the previous run ended", rest.Count > 0 ? rest : null);
    }

    /// <summary>
    /// The earliest exit event already folded that is dated after <paramref name="start"/> (the first of its type if
    /// that is after the start, else the latest), or null.
    /// </summary>
    private DateTimeOffset? KnownExitAfter(string id, DateTimeOffset start)
    {
        if (!_playbook.Sequences.TryGetValue(id, out var seq)) return null;
        DateTimeOffset? earliest = null;
        foreach (var exit in seq.ExitOn)
        {
            var at = _state.FirstTime(exit) is { } first && first > start ? first : _state.LastTime(exit) is { } last && last > start ? last : (DateTimeOffset?)null;
            if (at < earliest || (earliest is null && at is not null)) earliest = at;
        }
        return earliest;
    }
}
