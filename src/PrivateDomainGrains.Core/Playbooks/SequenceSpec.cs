using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// An SOP: a multi-step follow-up started by a rule. Step delays count from the start. The sequence ends as soon as
/// one of <see cref="ExitOn"/> happens (e.g. the customer replied or bought); a step whose <see cref="StepSpec.SkipIf"/>
/// holds when it falls due is skipped.
/// </summary>
public sealed class SequenceSpec
{
    public string Id { get; set; } = "";
    public string? Description { get; set; }
    public List<string> ExitOn { get; set; } = [];
    public List<StepSpec> Steps { get; set; } = [];
}

public sealed class StepSpec
{
    public string Id { get; set; } = "";
    /// <summary>Time from the sequence start, e.g. <c>0m</c>, <c>1d</c>, <c>3d</c>; non-decreasing along the steps.</summary>
    public string Delay { get; set; } = "0m";
    public List<ConditionSpec> SkipIf { get; set; } = [];
    /// <summary>The nudge raised when the step falls due; must be of kind <c>nudge</c>.</summary>
    public ActionSpec? Nudge { get; set; }
    [Range(0, PlaybookValidator.MaxPriority)]
    public int Priority { get; set; } = 50;
    public double Value { get; set; } = 1;
    public double Lever { get; set; } = 1;
}
