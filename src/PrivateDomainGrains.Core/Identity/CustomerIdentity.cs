namespace PrivateDomainGrains.Core.Identity;

/// <summary>
/// One way a channel names a customer, normalised (<see cref="IdentityNormalizer"/>): <see cref="Kind"/> as in
/// <see cref="IdentityKinds"/>, <see cref="Value"/> in its stored form (a phone in E.164, <c>+8613800138000</c>; an
/// email in lower case; ids as sent, trimmed).
/// </summary>
public sealed record CustomerIdentity(string Kind, string Value)
{
    /// <summary>Strong identities name one customer per tenant; a nickname may name many and never matches by itself.</summary>
    public bool IsStrong => IdentityKinds.IsStrong(Kind);

    /// <summary>Resolution order: lower is stronger (<see cref="IdentityKinds.Priority"/>).</summary>
    public int Priority => IdentityKinds.Priority(Kind);

    /// <summary>The key the pending pool indexes unmatched events by: <c>kind=value</c>.</summary>
    public string Key => Kind + "=" + Value;

    /// <summary>
    /// <c>kind:value</c> with the value's middle starred (<c>phone:+86********000</c>): enough for a person to match a
    /// result to the row they sent, not the personal value itself. A quarter of the value's characters at each end, one
    /// to four; a value of one or two characters is all stars. What a tag job's rows keep of an identity.
    /// </summary>
    public string Masked
    {
        get
        {
            var runes = Value.EnumerateRunes().Select(r => r.ToString()).ToList();
            if (runes.Count <= 2) return Kind + ":" + new string('*', runes.Count);
            var keep = Math.Clamp(runes.Count / 4, 1, 4);
            return Kind + ":" + string.Concat(runes.Take(keep)) + new string('*', runes.Count - 2 * keep) + string.Concat(runes.TakeLast(keep));
        }
    }

    public override string ToString() => Key;
}
