using System.Globalization;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Lengths as a person counts them: text elements (a character with its combining marks, an emoji with its modifiers
/// and joiners, a flag), not UTF-16 units, in which 👍 counts two and 👨‍👩‍👧 eight.
/// </summary>
public static class TextElements
{
    /// <summary>
    /// UTF-16 units one text element may average before the text counts as too long anyway: room for any emoji
    /// sequence (a family of four is 11), while a character buried under hundreds of combining marks stays bounded.
    /// </summary>
    public const int MaxUnitsPerElement = 16;

    /// <summary>True when <paramref name="text"/> is at most <paramref name="maxLength"/> text elements (and bounded in units).</summary>
    public static bool Fit(string text, int maxLength) =>
        text.Length <= maxLength || (text.Length <= maxLength * MaxUnitsPerElement && new StringInfo(text).LengthInTextElements <= maxLength);

    /// <summary>
    /// <paramref name="text"/> if it <see cref="Fit"/>s in <paramref name="maxLength"/>, else its first
    /// <paramref name="maxLength"/> - 1 whole text elements (bounded in units likewise) followed by "…".
    /// </summary>
    public static string Shorten(string text, int maxLength) => Fit(text, maxLength)
        ? text
        : string.Concat(text.AsSpan(0, StorableText.FittingPrefix(text, (maxLength - 1) * MaxUnitsPerElement, maxLength - 1)), "…");
}
