using System.Globalization;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Text people read as a name or a line (tags, channels, playbook titles and scripts, segment and tag names) holds no
/// control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F, such as BEL) and no format characters (Cf:
/// the zero-width space U+200B, the soft hyphen U+00AD, the bidirectional overrides U+202A-U+202E that make text read
/// backwards...). Neither shows: two tags that look the same would differ, and an override disguises what a console
/// shows. Multi-line text (a script) may hold line breaks and tabs; a zero-width joiner right after an emoji (👩‍💻)
/// belongs to it and is allowed. The rule of every such field, so that each refuses the same characters with the same
/// words (4xx naming the field). <see cref="HasControlCharacters"/> is the control-character half of the rule alone, for
/// single-line values that keep their own words (API key names, webhook URLs, identities, route and query parameters).
/// </summary>
public static class PlainText
{
    private const char ZeroWidthJoiner = '\u200D';
    private const char EmojiPresentation = '\uFE0F';

    /// <summary>Why <paramref name="text"/> is not plain text (the first character that is not, with its position), or null when it is (null is).</summary>
    /// <param name="multiline">True for text of several lines: <c>\n</c>, <c>\r</c> and <c>\t</c> are then allowed.</param>
    public static string? Problem(string? text, bool multiline = false)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (c == ZeroWidthJoiner && i > 0 && (char.IsLowSurrogate(text[i - 1]) || text[i - 1] == EmojiPresentation)) continue;
            if (IsControl(c)) return CommonPhrases.ControlCharacter.Say((int)c, i);
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return CommonPhrases.FormatCharacter.Say((int)c, i);
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
}
