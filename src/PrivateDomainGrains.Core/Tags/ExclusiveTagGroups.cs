namespace PrivateDomainGrains.Core.Tags;

/// <summary>
/// The exclusive groups of a tenant's tag catalog (肤质: 油皮 / 干皮 / 混合): a customer holds at most one tag of each,
/// so adding one displaces the others of its group (the company tag library of the SCRMs, issue 17). Tags are the
/// strings customers hold, compared ordinally. Immutable: customer grains on many threads share one instance.
/// </summary>
public sealed class ExclusiveTagGroups
{
    /// <summary>No exclusive group: every tag may be held with any other.</summary>
    public static readonly ExclusiveTagGroups None = new([]);

    private readonly Dictionary<string, string[]> _rivals = new(StringComparer.Ordinal);

    /// <param name="groups">The tags of each exclusive group; a tag listed in several groups is a rival of the tags of all of them.</param>
    public ExclusiveTagGroups(IEnumerable<IReadOnlyCollection<string>> groups)
    {
        var rivals = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in groups)
        foreach (var tag in group)
        {
            if (!rivals.TryGetValue(tag, out var set)) rivals[tag] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var other in group)
                if (!string.Equals(other, tag, StringComparison.Ordinal)) set.Add(other);
        }
        foreach (var (tag, set) in rivals)
            if (set.Count > 0) _rivals[tag] = [.. set.Order(StringComparer.Ordinal)];
    }

    /// <summary>True when no tag has a rival.</summary>
    public bool IsEmpty => _rivals.Count == 0;

    /// <summary>The other tags of <paramref name="tag"/>'s exclusive groups, ordinal order; empty for a free tag or one of a non-exclusive group.</summary>
    public IReadOnlyList<string> RivalsOf(string tag) => _rivals.TryGetValue(tag, out var rivals) ? rivals : [];

    /// <summary>
    /// The first two of <paramref name="tags"/> (in their order) that no customer may hold together, being of one
    /// exclusive group; null when there are none. Adding both at once would keep whichever came last, silently, so a
    /// change naming both is refused instead (a tag job's <c>add</c>).
    /// </summary>
    public (string First, string Second)? Clash(IReadOnlyList<string> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            var rivals = RivalsOf(tags[i]);
            if (rivals.Count == 0) continue;
            for (var k = i + 1; k < tags.Count; k++)
                if (rivals.Contains(tags[k])) return (tags[i], tags[k]);
        }
        return null;
    }

    /// <summary>
    /// What adding <paramref name="tag"/> to a customer holding <paramref name="held"/> removes: the held rivals of
    /// <paramref name="tag"/>, ordinal order.
    /// </summary>
    public IEnumerable<string> Displaced(string tag, IReadOnlyCollection<string> held)
    {
        foreach (var rival in RivalsOf(tag))
            if (held.Contains(rival)) yield return rival;
    }
}
