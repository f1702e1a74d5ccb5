namespace PrivateDomainGrains.Abstractions.Tags;

/// <summary>
/// A tag group of a tenant's catalog (肤质, 城市...). An exclusive group lets a customer hold at most one of its tags:
/// adding one removes the others (<c>Core/Tags/ExclusiveTagGroups.cs</c>).
/// </summary>
/// <param name="GroupId">1-128 letters, digits and <c>-_.:@</c>, unique in the tenant.</param>
/// <param name="Names">Display name per language (BCP 47: <c>zh-CN</c>, <c>en</c>...), at least one.</param>
[GenerateSerializer, Immutable, Alias("pdg.TagGroupDefinition")]
public sealed record TagGroupDefinition(
    [property: Id(0)] string GroupId,
    [property: Id(1)] Dictionary<string, string> Names,
    [property: Id(2)] bool Exclusive);

/// <summary>A catalog tag: the string customers hold (<paramref name="Tag"/>), its group and its display names.</summary>
/// <param name="Tag">What customers hold and rules, keywords and filters name: 1-64 printable characters.</param>
/// <param name="GroupId">Its group, or null for a catalog tag outside any group.</param>
/// <param name="Names">Display name per language (BCP 47); may be empty (then the tag itself is shown).</param>
[GenerateSerializer, Immutable, Alias("pdg.CatalogTag")]
public sealed record CatalogTag(
    [property: Id(0)] string Tag,
    [property: Id(1)] string? GroupId,
    [property: Id(2)] Dictionary<string, string> Names)
{
    /// <summary>
    /// This tag as <paramref name="to"/> (a rename, or a merge it joins the catalog by): its group and names kept, except
    /// a name that was the old tag itself (油皮 named 油皮), which follows it, or the console would go on showing the old name.
    /// </summary>
    public CatalogTag RenamedTo(string to) => this with { Tag = to, Names = Names.ToDictionary(n => n.Key, n => n.Value == Tag ? to : n.Value) };
}

/// <summary>A tenant's tag catalog at one version (0: empty, never changed). Tags are ordinal-sorted, groups by id.</summary>
[GenerateSerializer, Immutable, Alias("pdg.TagCatalogDocument")]
public sealed record TagCatalogDocument(
    [property: Id(0)] int Version,
    [property: Id(1)] TagGroupDefinition[] Groups,
    [property: Id(2)] CatalogTag[] Tags)
{
    public static readonly TagCatalogDocument Empty = new(0, [], []);

    /// <summary>The tags of each exclusive group, what every customer's decisions enforce.</summary>
    public IEnumerable<IReadOnlyCollection<string>> ExclusiveGroups() =>
        Groups.Where(g => g.Exclusive).Select(g => (IReadOnlyCollection<string>)Tags.Where(t => t.GroupId == g.GroupId).Select(t => t.Tag).ToArray());
}

/// <summary>What a catalog change came to: <see cref="TagCatalogOutcomes.Ok"/>, or a refusal naming the field it is about.</summary>
[GenerateSerializer, Immutable, Alias("pdg.TagCatalogOutcome")]
public sealed record TagCatalogOutcome(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Field = null,
    [property: Id(2)] string? Message = null,
    [property: Id(3)] string? JobId = null)
{
    public static readonly TagCatalogOutcome Ok = new(TagCatalogOutcomes.Ok);
    public static TagCatalogOutcome NotFound(string field, string message) => new(TagCatalogOutcomes.NotFound, field, message);
    public static TagCatalogOutcome Conflict(string field, string message) => new(TagCatalogOutcomes.Conflict, field, message);
    public static TagCatalogOutcome Invalid(string field, string message) => new(TagCatalogOutcomes.Invalid, field, message);
}

/// <summary>The values of <see cref="TagCatalogOutcome.Kind"/>: the API answers 200/202, 404, 409 and 400.</summary>
public static class TagCatalogOutcomes
{
    public const string Ok = "ok", NotFound = "not-found", Conflict = "conflict", Invalid = "invalid";
}
