using System.Text;
using System.Text.RegularExpressions;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Tags;

/// <summary>
/// When two display names of the tag catalog are one name to a person (issue 17: two groups both shown as 肤质). Names
/// are compared folded (<see cref="Fold"/>) and across languages: the console shows an entry's name in the reader's
/// language, else its Chinese one, else any (<c>tags/names.ts</c>), so a name in one language can be what a reader of
/// another sees. A catalog change is refused only for a name it brings (<see cref="Taken"/>): names that repeated
/// before this rule stay until someone changes them.
/// </summary>
public static partial class CatalogNames
{
    /// <summary>
    /// <paramref name="name"/> as a person reads it: Unicode NFKC (full-width <c>ＳＫＩＮ</c> is <c>SKIN</c>, a decomposed
    /// <c>é</c> the composed one, <c>①</c> is <c>1</c>), runs of white space as one space, trimmed, then lower case
    /// (Latin, Greek, Cyrillic...; Chinese has no case). Text that is not valid Unicode is compared as it is.
    /// </summary>
    public static string Fold(string name)
    {
        var normal = StorableText.IsStorable(name) ? name.Normalize(NormalizationForm.FormKC) : name;
        return WhiteSpaceRuns().Replace(normal.Trim(), " ").ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRuns();

    /// <summary>
    /// The first of <paramref name="names"/> (field, name) that is not one of <paramref name="kept"/> (what the entry was
    /// shown as before the change) and that an entry of <paramref name="others"/> is shown as: the field, the index of
    /// that entry and the name it is shown by; null when none is.
    /// </summary>
    public static (string Field, int Other, string Shown)? Taken(
        IEnumerable<(string Field, string Name)> names, IEnumerable<string> kept, IReadOnlyList<IEnumerable<string>> others)
    {
        var before = kept.Select(Fold).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, string>[]? shown = null;
        foreach (var (field, name) in names)
        {
            var folded = Fold(name);
            if (before.Contains(folded)) continue;
            shown ??= [.. others.Select(o => o.DistinctBy(Fold, StringComparer.Ordinal).ToDictionary(Fold, n => n, StringComparer.Ordinal))];
            for (var i = 0; i < shown.Length; i++)
                if (shown[i].TryGetValue(folded, out var other)) return (field, i, other);
        }
        return null;
    }
}
