using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Segments;
using PrivateDomainGrains.Persistence.Segments;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// What a segment filter names must exist in the tenant, or the filter silently selects no one: each owner a staff
/// member of the roster (disabled ones too) or an owner of customers, each team one the roster names, each custom
/// field one the playbook sets (<c>setField</c>) or a customer holds. Tags are not checked: free tags are allowed.
/// </summary>
public static class SegmentNames
{
    /// <summary>Adds an error under <paramref name="path"/> (<c>$.filter</c>) for each owner, team and field of <paramref name="filter"/> the tenant does not know.</summary>
    public static async Task CheckAsync(IGrainFactory grains, DirectoryNames directory, string tenant, SegmentFilter filter, string path,
        List<PlaybookError> errors, CancellationToken ct)
    {
        if (filter.Owners is not { Length: > 0 } && filter.Teams is not { Length: > 0 } && filter.Fields is not { Count: > 0 }) return;
        var roster = await grains.GetGrain<ITenantGrain>(tenant).GetRosterAsync();
        if (filter.Owners is { Length: > 0 } owners)
        {
            var staff = roster.Select(e => e.StaffId).ToHashSet(StringComparer.Ordinal);
            var unknown = owners.Where(o => !staff.Contains(o)).Distinct().ToList();
            var unheld = unknown.Count == 0 ? [] : await directory.UnheldOwnersAsync(tenant, unknown, ct);
            for (var i = 0; i < owners.Length; i++)
                if (unheld.Contains(owners[i])) errors.Add(new($"{path}.owners[{i}]", SegmentPhrases.NoSuchOwner.Say(owners[i])));
        }
        if (filter.Teams is { Length: > 0 } teams)
        {
            var known = roster.Where(e => e.Team is not null).Select(e => e.Team!).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < teams.Length; i++)
                if (!known.Contains(teams[i])) errors.Add(new($"{path}.teams[{i}]", SegmentPhrases.NoSuchTeam.Say(teams[i])));
        }
        if (filter.Fields is { Count: > 0 } fields)
        {
            var set = await PlaybookFieldsAsync(grains, tenant);
            var unknown = fields.Keys.Where(f => !set.Contains(f)).ToList();
            var unheld = unknown.Count == 0 ? [] : await directory.UnheldFieldsAsync(tenant, unknown, ct);
            foreach (var field in fields.Keys.Where(unheld.Contains))
                errors.Add(new($"{path}.fields.{field}", SegmentPhrases.NoSuchField.Say(field)));
        }
    }

    /// <summary>The custom fields the tenant's current playbook sets, in its rules and its SOP steps.</summary>
    private static async Task<HashSet<string>> PlaybookFieldsAsync(IGrainFactory grains, string tenant)
    {
        var playbook = PlaybookJson.Parse((await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync()).Json);
        return playbook.Rules.SelectMany(r => r.Actions)
            .Concat(playbook.Sequences.SelectMany(s => s.Steps).Select(s => s.Nudge).OfType<ActionSpec>())
            .Where(a => a.Kind == ActionKinds.SetField && a.Field is not null)
            .Select(a => a.Field!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
