using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// One rule: when <see cref="Trigger"/> fires and all <see cref="Conditions"/> hold, run <see cref="Actions"/>.
/// <see cref="Value"/> (what a success is worth) and <see cref="Lever"/> (how hard the business pushes this rule now)
/// feed arbitration together with the learned propensity.
/// </summary>
public sealed class RuleSpec
{
    public string Id { get; set; } = "";
    public string? Description { get; set; }
    public TriggerSpec? Trigger { get; set; }
    public List<ConditionSpec> Conditions { get; set; } = [];
    public List<ActionSpec> Actions { get; set; } = [];
    [Range(0, PlaybookValidator.MaxPriority)]
    public int Priority { get; set; } = 50;
    public double Value { get; set; } = 1;
    public double Lever { get; set; } = 1;
}
