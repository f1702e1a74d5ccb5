namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Where a playbook names a tag: a rule's <c>tagAdded</c>/<c>tagRemoved</c> trigger, its <c>tags</c> conditions
/// (<c>all</c>, <c>any</c>, <c>none</c>) and its <c>addTag</c>/<c>removeTag</c> actions, an SOP step's <c>skipIf</c>
/// conditions, and a keyword's tag. A tag renamed or merged in the catalog (issue 17) is renamed here too, so that rules
/// keep firing for its holders under the new name.
/// </summary>
public static class PlaybookTagReferences
{
    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> everywhere <paramref name="playbook"/> names it (ordinal),
    /// in place. A condition list that names both keeps <paramref name="to"/> once (a merge). Returns what changed, in
    /// document order: <c>rule {id}</c>, <c>sequence {id} step {id}</c>, <c>keyword {keyword}</c>; empty when the
    /// playbook does not name the tag.
    /// </summary>
    public static IReadOnlyList<string> Rename(Playbook playbook, string from, string to)
    {
        var changed = new List<string>();
        foreach (var rule in playbook.Rules)
        {
            var hit = false;
            if (rule.Trigger is { Tag: { } tag } trigger && tag == from)
            {
                trigger.Tag = to;
                hit = true;
            }
            hit |= Rename(rule.Conditions, from, to);
            foreach (var action in rule.Actions)
            {
                if (action.Tag != from) continue;
                action.Tag = to;
                hit = true;
            }
            if (hit) changed.Add($"rule {rule.Id}");
        }
        foreach (var sequence in playbook.Sequences)
        foreach (var step in sequence.Steps)
            if (Rename(step.SkipIf, from, to)) changed.Add($"sequence {sequence.Id} step {step.Id}");
        foreach (var keyword in playbook.Keywords)
        {
            if (keyword.Tag != from) continue;
            keyword.Tag = to;
            changed.Add($"keyword {keyword.Keyword}");
        }
        return changed;
    }

    private static bool Rename(List<ConditionSpec> conditions, string from, string to)
    {
        var hit = false;
        foreach (var condition in conditions)
        {
            condition.All = Rename(condition.All, from, to, ref hit);
            condition.Any = Rename(condition.Any, from, to, ref hit);
            condition.None = Rename(condition.None, from, to, ref hit);
        }
        return hit;
    }

    private static List<string>? Rename(List<string>? tags, string from, string to, ref bool hit)
    {
        if (tags is null || !tags.Contains(from, StringComparer.Ordinal)) return tags;
        hit = true;
        return [.. tags.Select(t => t == from ? to : t).Distinct(StringComparer.Ordinal)];
    }
}
