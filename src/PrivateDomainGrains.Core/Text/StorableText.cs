using System.Globalization;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Text the platform can store and every client can read. PostgreSQL's <c>text</c> and <c>jsonb</c> refuse U+0000
/// (NUL), and an unpaired UTF-16 surrogate is not Unicode at all (it has no UTF-8 form, so it cannot even be sent to
/// the database). Every string that reaches storage is checked with <see cref="Problem"/> at the edge (4xx naming the
/// field), and text the platform derives itself (quotes, shortened texts) is cut with <see cref="Shorten"/>, which
/// never splits a character.
/// </summary>
public static class StorableText
{
    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can (null text can).</summary>
    public static string? Problem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return CommonPhrases.Nul.Say();
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return CommonPhrases.UnpairedSurrogate.Say((int)c, i);
        }
        return null;
    }

    public static bool IsStorable(string? text) => Problem(text) is null;

    /// <summary>
    /// <paramref name="text"/> if it has at most <paramref name="maxLength"/> UTF-16 units, else its first whole text
    /// elements (a character with its combining marks, an emoji with its modifiers) that fit in
    /// <paramref name="maxLength"/> - 1 units, followed by "…".
    /// </summary>
    public static string Shorten(ReadOnlySpan<char> text, int maxLength)
    {
        if (text.Length <= maxLength) return text.ToString();
        return string.Concat(text[..FittingPrefix(text, maxLength - 1)], "…");
    }

    /// <summary>
    /// The length of the longest prefix of whole text elements within <paramref name="maxLength"/> units and, when
    /// given, <paramref name="maxElements"/> text elements.
    /// </summary>
    public static int FittingPrefix(ReadOnlySpan<char> text, int maxLength, int maxElements = int.MaxValue)
    {
        // A text element is at least one unit, so a text this short has no more elements than units.
        if (text.Length <= maxLength && text.Length <= maxElements) return text.Length;
        // Between two characters that never join another (see Standalone) text elements always part, whatever comes
        // before: the cut needs no walk from the start. Every quote of a long message in every decision walked it. A
        // bound on elements needs the walk (to count them).
        if (maxElements == int.MaxValue && maxLength > 0 && Standalone(text[maxLength - 1]) && Standalone(text[maxLength])) return maxLength;
        var length = 0;
        for (var elements = 0; length < text.Length && elements < maxElements; elements++)
        {
            var next = StringInfo.GetNextTextElementLength(text[length..]);
            if (length + next > maxLength) break;
            length += next;
        }
        return length;
    }

    /// <summary>
    /// Printable ASCII and CJK unified ideographs: in Unicode's text segmentation (UAX #29) each is a text element of
    /// its own kind "Other" (no mark, joiner, prepended or regional character, no control, no Hangul), so no rule keeps
    /// it together with a neighbour.
    /// </summary>
    private static bool Standalone(char c) => c is >= ' ' and <= '~' or >= '\u4E00' and <= '\u9FFF';
}
