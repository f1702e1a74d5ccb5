using PrivateDomainGrains.Core.Customers;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>A rule ready to evaluate: parsed durations and times, compiled conditions and templates.</summary>
public sealed class CompiledRule
{
    private string? _trigger;

    public required string Id { get; init; }
    public required string Description { get; init; }
    public required TriggerSpec Trigger { get; init; }
    public required Condition[] Conditions { get; init; }
    public required CompiledAction[] Actions { get; init; }
    public required int Priority { get; init; }
    public required double Value { get; init; }
    public required double Lever { get; init; }
    /// <summary><c>after</c>: the delay; <c>inactive</c>: the idle period.</summary>
    public TimeSpan Delay { get; init; }
    /// <summary><c>annual</c>: the local time of day.</summary>
    public TimeOnly At { get; init; }
    /// <summary><c>tierChanged</c>: the new tier, or null for any change.</summary>
    public CustomerTier? Tier { get; init; }

    internal static CompiledRule From(RuleSpec r)
    {
        var t = r.Trigger!;
        var delay = t.Kind switch
        {
            TriggerKinds.After => Durations.Parse(t.Delay!),
            TriggerKinds.Inactive => TimeSpan.FromDays(t.Days!.Value),
            _ => TimeSpan.Zero,
        };
        return new CompiledRule
        {
            Id = r.Id,
            Description = r.Description ?? r.Id,
            Trigger = t,
            Conditions = Playbooks.Conditions.Compile(r.Conditions),
            // The unless event of an after timer is what the timer waits for: once it happens, the timer's nudges are done.
            Actions = [.. (r.Actions ?? []).Select(a => CompiledAction.From(a, t.Kind == TriggerKinds.After ? t.Unless : null))],
            Priority = r.Priority,
            Value = r.Value,
            Lever = r.Lever,
            Delay = delay,
            At = t.Kind == TriggerKinds.Annual ? LocalTimes.Parse(t.At!) : default,
            Tier = t.Kind == TriggerKinds.TierChanged && t.Tier is not null ? Enum.Parse<CustomerTier>(t.Tier) : null,
        };
    }

    /// <summary>How the trigger reads in an explanation: worked out once, as every nudge of the rule carries it.</summary>
    public string DescribeTrigger() => _trigger ??= Trigger.Kind switch
    {
        TriggerKinds.Event => $"event {Trigger.Event}",
        TriggerKinds.TagAdded => $"tag {Trigger.Tag} added",
        TriggerKinds.TagRemoved => $"tag {Trigger.Tag} removed",
        TriggerKinds.TierChanged => $"tier changed to {Trigger.Tier ?? "any"}",
        TriggerKinds.After => $"{Trigger.Delay} after {Trigger.Anchor ?? "latest"} {Trigger.Event}" + (Trigger.Unless is null ? "" : $" unless {Trigger.Unless}"),
        TriggerKinds.Inactive => $"{Trigger.Days} days without interaction",
        TriggerKinds.Annual => $"annual {Trigger.Field} at {Trigger.At}",
        _ => Trigger.Kind,
    };
}

/// <summary>A compiled action; nudge text fields are parsed templates.</summary>
public sealed class CompiledAction
{
    public required string Kind { get; init; }
    public NudgeTemplate? Nudge { get; init; }
    public string? Tag { get; init; }
    public string? Field { get; init; }
    public Template? Value { get; init; }
    public string? Sequence { get; init; }

    /// <param name="doneOnAlso">An event type that also does the action's nudge (an after timer's unless), if any.</param>
    internal static CompiledAction From(ActionSpec a, string? doneOnAlso = null) => new()
    {
        Kind = a.Kind,
        Nudge = a.Kind == ActionKinds.Nudge ? NudgeTemplate.From(a, doneOnAlso) : null,
        Tag = a.Tag,
        Field = a.Field,
        Value = a.Kind == ActionKinds.SetField ? Template.Parse(a.Value ?? "", []) : null,
        Sequence = a.Sequence,
    };
}

public sealed class NudgeTemplate
{
    public required string Kind { get; init; }
    public required Template Title { get; init; }
    public required Template Script { get; init; }
    public Template? Suggested { get; init; }
    public Template? Reason { get; init; }
    public required bool Proactive { get; init; }
    public string? Channel { get; init; }
    /// <summary>Addressed to the staff member the triggering event names rather than the owner.</summary>
    public bool ToEventStaff { get; init; }
    /// <summary>Event types by which the owner does it without the console; shared by every nudge of the template.</summary>
    public string[]? DoneOn { get; init; }
    /// <summary>How long it stays open unanswered; null: the contact policy's <c>nudgeExpiry</c>.</summary>
    public TimeSpan? ExpiresAfter { get; init; }
    /// <summary>Variants under test (each with the texts it changes), or null; see <see cref="Engine.VariantAssignment"/>.</summary>
    public NudgeVariant[]? Variants { get; init; }
    /// <summary>The share of customers held out (0: none).</summary>
    public double Holdout { get; init; }

    internal static NudgeTemplate From(ActionSpec a, string? doneOnAlso = null)
    {
        var doneOn = (a.DoneOn ?? []).Append(doneOnAlso).OfType<string>().Distinct(StringComparer.Ordinal).Select(type => SharedStrings.Share(type)).ToArray();
        return Build(a, doneOn.Length > 0 ? doneOn : null);
    }

    private static NudgeTemplate Build(ActionSpec a, string[]? doneOn) => new()
    {
        Variants = a.Variants is { Count: > 0 } variants ? [.. variants.Select(NudgeVariant.From)] : null,
        Holdout = a.Holdout ?? 0,
        DoneOn = doneOn,
        ExpiresAfter = a.ExpiresAfter is null ? null : Durations.Parse(a.ExpiresAfter),
        Kind = a.NudgeKind!,
        Title = Template.Parse(a.Title!, []),
        Script = Template.Parse(a.Script!, []),
        Suggested = a.Suggested is null ? null : Template.Parse(a.Suggested, []),
        Reason = a.Reason is null ? null : Template.Parse(a.Reason, []),
        Proactive = a.Proactive,
        Channel = a.Channel,
        ToEventStaff = a.To == NudgeAddressees.Staff,
    };
}

/// <summary>One compiled variant: the templates it replaces (null: the action's).</summary>
public sealed class NudgeVariant
{
    public required string Id { get; init; }
    public required double Weight { get; init; }
    public Template? Title { get; init; }
    public Template? Script { get; init; }
    public Template? Suggested { get; init; }

    internal static NudgeVariant From(VariantSpec v) => new()
    {
        Id = SharedStrings.Share(v.Id),
        Weight = v.Weight,
        Title = v.Title is null ? null : Template.Parse(v.Title, []),
        Script = v.Script is null ? null : Template.Parse(v.Script, []),
        Suggested = v.Suggested is null ? null : Template.Parse(v.Suggested, []),
    };
}

/// <summary>A compiled SOP sequence.</summary>
public sealed class CompiledSequence
{
    public required string Id { get; init; }
    public required IReadOnlySet<string> ExitOn { get; init; }
    public required CompiledStep[] Steps { get; init; }

    internal static CompiledSequence From(SequenceSpec s) => new()
    {
        Id = s.Id,
        ExitOn = (s.ExitOn ?? []).ToHashSet(StringComparer.Ordinal),
        Steps = [.. s.Steps.Select(step => new CompiledStep
        {
            Id = step.Id,
            Source = s.Id + "/" + step.Id,
            Delay = Durations.Parse(step.Delay),
            SkipIf = Conditions.Compile(step.SkipIf),
            Nudge = NudgeTemplate.From(step.Nudge!),
            Priority = step.Priority,
            Value = step.Value,
            Lever = step.Lever,
        })],
    };
}

public sealed class CompiledStep
{
    public required string Id { get; init; }
    /// <summary><c>sequence/step</c>: the action name for learning and dismissals.</summary>
    public required string Source { get; init; }
    public required TimeSpan Delay { get; init; }
    public required Condition[] SkipIf { get; init; }
    public required NudgeTemplate Nudge { get; init; }
    public required int Priority { get; init; }
    public required double Value { get; init; }
    public required double Lever { get; init; }
}
