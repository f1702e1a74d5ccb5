using PrivateDomainGrains.Core.Keywords;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The pieces the customer directory indexes searchable text by (<c>search_grams</c>, a GIN index): every
/// one- and two-character piece of the folded text (<see cref="TextFold"/>: case and full width do not matter). A
/// query is found by the pieces of its own fold (all of them must be present), then checked as a whole fragment, so a
/// two-character Chinese name is as quick to find as a long remark. Ids are indexed by their first
/// <see cref="MaxIdLength"/> characters. A "character" is a text element (an emoji with its modifiers, a letter with
/// its combining marks), never half of one: a piece is always text PostgreSQL can store.
/// </summary>
public static class SearchGrams
{
    public const int MaxIdLength = 32;

    /// <summary>A phone number is found by its last 4 to <see cref="MaxPhoneSuffix"/> digits, each suffix one whole entry.</summary>
    public const int MinPhoneSuffix = 4;
    public const int MaxPhoneSuffix = 11;
    private const string PhoneMark = "tel:";

    /// <summary>The entries that find a customer by the last digits of <paramref name="phone"/> (digits only; none without 4).</summary>
    public static IEnumerable<string> OfPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        for (var length = MinPhoneSuffix; length <= Math.Min(MaxPhoneSuffix, digits.Length); length++)
            yield return PhoneMark + digits[^length..];
    }

    /// <summary>The entry a query of 4-11 digits finds a phone suffix by; null for any other query.</summary>
    public static string? ForPhoneQuery(string query) =>
        query.Length is >= MinPhoneSuffix and <= MaxPhoneSuffix && query.All(char.IsAsciiDigit) ? PhoneMark + query : null;

    /// <summary>The index entries of a customer with these searchable texts (nulls are skipped).</summary>
    public static string[] Of(params string?[] texts)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            var folded = TextFold.Fold(text);
            var starts = Elements(folded);
            for (var i = 0; i < starts.Length - 1; i++)
            {
                grams.Add(folded[starts[i]..starts[i + 1]]);
                if (i + 2 < starts.Length) grams.Add(folded[starts[i]..starts[i + 2]]);
            }
        }
        return [.. grams.Order(StringComparer.Ordinal)];
    }

    /// <summary>The entries a customer must have to match <paramref name="query"/>: its two-character pieces, or itself if shorter.</summary>
    public static string[] ForQuery(string query)
    {
        var folded = TextFold.Fold(query);
        var starts = Elements(folded);
        if (starts.Length <= 3) return [folded];
        return [.. Enumerable.Range(0, starts.Length - 2).Select(i => folded[starts[i]..starts[i + 2]]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>True when the folded <paramref name="query"/> is one character (one text element), e.g. a surname such as 王.</summary>
    public static bool IsOneCharacter(string query)
    {
        var folded = TextFold.Fold(query);
        return folded.Length > 0 && Elements(folded).Length == 2;
    }

        /// <summary>Where each text element of <paramref name="text"/> starts, then its length (so element i is starts[i]..starts[i + 1]).</summary>
    private static int[] Elements(string text)
    {
        var starts = System.Globalization.StringInfo.ParseCombiningCharacters(text);
        return [.. starts, text.Length];
    }

    /// <summary>The folded query, for the whole-fragment check after the index lookup.</summary>
    public static string Fold(string query) => TextFold.Fold(query);
}
