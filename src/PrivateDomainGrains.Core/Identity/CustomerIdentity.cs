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
    /// <c>kind:value</c> with the value masked (<see cref="IdentityMask"/>: <c>phone:+86********000</c>): what a tag
    /// job's rows keep of an identity.
    /// </summary>
    public string Masked => Kind + ":" + IdentityMask.Of(Value);

    public override string ToString() => Key;
}
