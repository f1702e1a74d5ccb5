using PrivateDomainGrains.Core.Customers;
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
/// </summary>
internal sealed class SopSequencing(CompiledPlaybook playbook, CustomerProfile customer, NudgePlanner planner,
    List<PlannedNudge> candidates, List<SequenceMove> moves, DateTimeOffset now)
{
    private readonly EngineState _state = customer.Engine;

    public void Start(string id, string key, string ruleId)
    {
        if (_state.Sequences?.Exists(r => r.Id == id) == true) return;
        (_state.Sequences ??= []).Add(new SequenceRun { Id = id, Step = 0, StartedAt = now, Key = key });
        moves.Add(new SequenceMove(id, null, SequenceMoveKind.Started, "started by rule " + ruleId));
    }

    /// <summary>Ends every run whose sequence exits on this event type.</summary>
    public void ExitOn(string eventType)
    {
        foreach (var run in _state.Sequences?.ToArray() ?? [])
            if (playbook.Sequences.TryGetValue(run.Id, out var seq) && seq.ExitOn.Contains(eventType))
                End(run.Id, SequenceMoveKind.Exited, "exit on " + eventType);
    }

    /// <summary>Ends a run and drops its held step nudges: they no longer apply.</summary>
    public void End(string id, SequenceMoveKind kind, string why)
    {
        if (_state.Sequences is null || _state.Sequences.RemoveAll(r => r.Id == id) == 0) return;
        _state.Held?.RemoveAll(h => h.Nudge.Source.StartsWith(id + "/", StringComparison.Ordinal));
        moves.Add(new SequenceMove(id, null, kind, why));
    }

    /// <summary>Raises the latest due step of each run; earlier due steps it overtook are skipped, not sent late in a burst.</summary>
    public void RunDueSteps()
    {
        foreach (var run in _state.Sequences?.ToArray() ?? [])
        {
            if (!playbook.Sequences.TryGetValue(run.Id, out var seq))
            {
                End(run.Id, SequenceMoveKind.Stopped, "no longer in the playbook");
                continue;
            }
            while (run.Step < seq.Steps.Length && Instants.Plus(run.StartedAt, seq.Steps[run.Step].Delay) <= now)
            {
                var step = seq.Steps[run.Step++];
                var overtaken = run.Step < seq.Steps.Length && Instants.Plus(run.StartedAt, seq.Steps[run.Step].Delay) <= now;
                if (overtaken)
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, "overtaken by a later due step"));
                else if (Instants.Plus(Instants.Plus(run.StartedAt, step.Delay), playbook.Contact.MaxLateness) < now)
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, $"due more than {playbook.Contact.MaxLateness} ago"));
                else if (step.SkipIf.Length > 0 && Conditions.All(step.SkipIf, customer, null, now))
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepSkipped, "skip condition holds"));
                else
                {
                    var id = NudgeIds.For(run.Key, step.Source);
                    candidates.Add(planner.Plan(step.Nudge, id, step.Source, $"sequence {seq.Id} step {step.Id}", $"SOP {seq.Id}, step {step.Id}",
                        step.Priority, step.Value, step.Lever, null));
                    moves.Add(new SequenceMove(seq.Id, step.Id, SequenceMoveKind.StepRaised, $"due {step.Delay} after start"));
                }
            }
            if (run.Step >= seq.Steps.Length)
            {
                _state.Sequences!.Remove(run);
                moves.Add(new SequenceMove(seq.Id, null, SequenceMoveKind.Completed, "all steps done"));
            }
        }
    }
}
