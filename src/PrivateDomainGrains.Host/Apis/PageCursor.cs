using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// The opaque cursor of a keyset page (<c>next</c> in an answer, <c>after</c> / <c>before</c> in the next request):
/// the last row's time (UTC ticks, or none) and key, base64url-encoded, so clients pass it back and never build one.
/// </summary>
public static class PageCursor
{
    public static string Encode(DateTimeOffset? at, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{(at is { } t ? t.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-")}\n{key}"));

    /// <summary>The time and key of a cursor <see cref="Encode"/> made; false for anything else.</summary>
    public static bool TryDecode(string cursor, out DateTimeOffset? at, out string key)
    {
        (at, key) = (null, "");
        if (cursor.Length > 400) return false;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        var split = text.IndexOf('\n');
        if (split < 1 || split == text.Length - 1) return false;
        key = text[(split + 1)..];
        var ticks = text[..split];
        if (ticks == "-") return true;
        if (!long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > DateTimeOffset.MaxValue.UtcTicks) return false;
        at = new DateTimeOffset(t, TimeSpan.Zero);
        return true;
    }
}
