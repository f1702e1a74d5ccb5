using System.Runtime.CompilerServices;

namespace PrivateDomainGrains.Core.Keywords;

/// <summary>
/// The character folding used for keyword matching: full-width ASCII (ＡＢＣ, ０１２) and the ideographic space
/// fold to their ASCII forms, then letters fold to lower case. It is the part of NFKC + case folding that matters
/// for Chinese and English chat text, done per char without allocating.
/// </summary>
public static class TextFold
{
    private const char FullWidthFirst = '\uFF01';
    private const char FullWidthLast = '\uFF5E';
    private const int FullWidthOffset = 0xFEE0;

    /// <summary>
    /// The fold of every char, worked out once per process (128 KB): beyond ASCII, char.ToLowerInvariant goes through
    /// ICU, and matching folds every char of every inbound message.
    /// </summary>
    private static readonly char[] Folded = FoldAll();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c) => Folded[c];

    private static char[] FoldAll()
    {
        var folded = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++) folded[c] = Compute((char)c);
        return folded;
    }

    private static char Compute(char c)
    {
        if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        var narrow = Narrow(c);
        if (narrow != c) return Compute(narrow);
        return char.ToLowerInvariant(c);
    }

    /// <summary>
    /// Full-width ASCII (ＡＢＣ, ０１２, ！) to its ASCII form and the ideographic space to a space; every other char as
    /// it is. The width fold without the case fold: tags use it (<c>Tags/TagNames.cs</c>), keeping their case.
    /// </summary>
    public static char Narrow(char c) =>
        c is >= FullWidthFirst and <= FullWidthLast ? (char)(c - FullWidthOffset)
        : c == '\u3000' ? ' '
        : c;

    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Fold(source[i]);
    });
}
