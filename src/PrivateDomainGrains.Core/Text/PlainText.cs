using System.Buffers;
using System.Globalization;
using System.Text;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Text people read as a name or a line (tags, channels, playbook titles and scripts, segment and tag names) holds no
/// control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F, such as BEL) and no format characters (Cf:
/// the zero-width space U+200B, the soft hyphen U+00AD, the bidirectional overrides U+202A-U+202E that make text read
/// backwards, the invisible tag characters U+E0000-U+E007F...). Neither shows: two tags that look the same would differ,
/// and an override disguises what a console shows. Multi-line text (a script) may hold line breaks and tabs. Two format
/// characters are part of an emoji and allowed there: a zero-width joiner joining two emoji into one (👩‍💻, 👨‍👩‍👧‍👦),
/// and the tag characters of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿); the text's segmentation into text elements (Unicode's
/// grapheme clusters, which join exactly those) tells, so a joiner left dangling after an emoji (👍 + U+200D) or
/// between letters is refused. The rule of every such field, so that each refuses the same characters with the same
/// words (4xx naming the field). <see cref="HasControlCharacters"/> is the control-character half of the rule alone, for
/// single-line values that keep their own words (API key names, webhook URLs, identities, route and query parameters).
/// </summary>
public static class PlainText
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int WavingBlackFlag = 0x1F3F4;

    /// <summary>Why <paramref name="text"/> is not plain text (the first character that is not, with its position), or null when it is (null is).</summary>
    /// <param name="multiline">True for text of several lines: <c>\n</c>, <c>\r</c> and <c>\t</c> are then allowed.</param>
    public static string? Problem(string? text, bool multiline = false)
    {
        if (text is null) return null;
        var element = (Start: 0, End: 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (IsControl(c)) return CommonPhrases.ControlCharacter.Say((int)c, i);
            // A pair is one character (the tag characters are beyond U+FFFF); a lone surrogate is StorableText's to refuse.
            var code = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? char.ConvertToUtf32(c, text[i + 1]) : c;
            if (CharUnicodeInfo.GetUnicodeCategory(code) == UnicodeCategory.Format && !IsPartOfEmoji(text, i, code, ref element))
                return CommonPhrases.FormatCharacter.Say(code, i);
            if (code > char.MaxValue) i++;
        }
        return null;
    }

    /// <summary>
    /// True when <paramref name="text"/> holds a control character (Cc) anywhere, line breaks and tabs included. The
    /// caller words its own 4xx; format characters are not looked at.
    /// </summary>
    public static bool HasControlCharacters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (IsControl(c)) return true;
        return false;
    }

    /// <summary>Unicode category Cc: U+0000-U+001F and U+007F-U+009F.</summary>
    private static bool IsControl(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Control;

    /// <summary>
    /// Whether the format character <paramref name="code"/> at <paramref name="index"/> belongs to an emoji: a joiner
    /// followed, in its text element, by the emoji it joins (not by a mark or a modifier, which any character may carry),
    /// or a tag character in the text element of a black flag. <paramref name="element"/> is the text element last
    /// found, moved forward to the one holding <paramref name="index"/> (so a text full of joiners is segmented once).
    /// </summary>
    private static bool IsPartOfEmoji(string text, int index, int code, ref (int Start, int End) element)
    {
        if (code != ZeroWidthJoiner && code is < 0xE0020 or > 0xE007F) return false;
        while (element.End <= index) element = (element.End, element.End + StringInfo.GetNextTextElementLength(text.AsSpan(element.End)));
        if (code != ZeroWidthJoiner)
            return Rune.DecodeFromUtf16(text.AsSpan(element.Start), out var first, out _) == OperationStatus.Done && first.Value == WavingBlackFlag;
        var next = index + 1;
        return next < element.End && Rune.DecodeFromUtf16(text.AsSpan(next), out var joined, out _) == OperationStatus.Done
            && Rune.GetUnicodeCategory(joined) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ModifierSymbol or UnicodeCategory.Format);
    }
}
