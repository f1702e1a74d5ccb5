using System.Text;
using PrivateDomainGrains.Core.Keywords;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Tags;

/// <summary>
/// What a tag is, wherever one comes from (the API, a tag job, the catalog, a playbook, a segment filter): 1-64
/// characters as a person counts them (<see cref="TextElements"/>: 👍 is one) of plain text (<see cref="PlainText"/>: no control or invisible format characters), folded so that
/// look-alikes are one tag: trimmed, full-width ASCII to ASCII and the ideographic space to a space (<c>ＶＩＰ</c> is
/// <c>VIP</c>, the part of NFKC that Chinese keyboards produce, shared with keyword matching: <see cref="TextFold.Narrow"/>),
/// then Unicode NFC (a decomposed <c>é</c>, e + U+0301, is the composed one). Case is kept: <c>VIP</c> and <c>vip</c>
/// are two tags. Tags stored before this fold are folded when the customer holding them is next loaded
/// (<c>Customers/TagSet.cs</c>); the directory and the catalog keep them as stored until then.
/// </summary>
public static class TagNames
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 characters of valid text without control or invisible format characters";

    /// <summary>The tag <paramref name="text"/> names, folded; null when it names none (<see cref="Rule"/>).</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || !StorableText.IsStorable(text)) return null;
        var tag = Fold(text);
        return tag.Length > 0 && TextElements.Fit(tag, MaxLength) && PlainText.Problem(tag) is null ? tag : null;
    }

    /// <summary>
    /// <paramref name="tag"/> folded (narrowed, trimmed, NFC): the same instance when nothing changes, as for every
    /// ASCII or already folded tag. Text that is not valid Unicode is returned as it is.
    /// </summary>
    public static string Fold(string tag)
    {
        var narrowed = tag;
        for (var i = 0; i < tag.Length; i++)
        {
            if (TextFold.Narrow(tag[i]) == tag[i]) continue;
            narrowed = string.Create(tag.Length, tag, static (span, source) =>
            {
                for (var k = 0; k < span.Length; k++) span[k] = TextFold.Narrow(source[k]);
            });
            break;
        }
        var trimmed = narrowed.Trim();
        if (IsAscii(trimmed) || !StorableText.IsStorable(trimmed)) return trimmed;
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    private static bool IsAscii(string text) => Ascii.IsValid(text);
}
