namespace PrivateDomainGrains.Core.Identity;

/// <summary>
/// A personal value with its middle starred (<c>+86********000</c>): enough for a person to match a result to the row
/// they sent, not the value itself. A quarter of the value's characters at each end, one to four; a value of one or two
/// characters is all stars. A masked value masks to itself (its ends are kept, its middle is stars), which the
/// migrations that mask rows stored before (deploy/sql/0061, 0062) rely on to run again.
/// </summary>
public static class IdentityMask
{
    /// <summary><paramref name="value"/> masked, counted in whole characters (a surrogate pair is one).</summary>
    public static string Of(string value)
    {
        var runes = value.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count <= 2) return new string('*', runes.Count);
        var keep = Math.Clamp(runes.Count / 4, 1, 4);
        return string.Concat(runes.Take(keep)) + new string('*', runes.Count - 2 * keep) + string.Concat(runes.TakeLast(keep));
    }
}
