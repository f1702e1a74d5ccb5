namespace PrivateDomainGrains.Persistence;

/// <summary>
/// A row of the identity index (<c>pdg_identities</c>): <paramref name="CustomerId"/> holds the normalised identity
/// (<paramref name="Kind"/>, <paramref name="Value"/>). <paramref name="Source"/> says what added it: <c>event:{id}</c>,
/// <c>api</c> or <c>import</c>.
/// </summary>
public sealed record IdentityRow(string Tenant, string Kind, string Value, string CustomerId, string Source)
{
    public DateTimeOffset AddedAt { get; init; }
}
