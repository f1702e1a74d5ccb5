using System.Security.Cryptography;
using System.Text;

namespace PrivateDomainGrains.Core.Identity;

/// <summary>
/// Mints the id of a customer an event creates for a strong identity nobody holds: <c>c_</c> and 26 lower-case base32
/// characters (RFC 4648: letters and the digits 2-7) of the first 128 bits of HMAC-SHA256(the tenant's key,
/// <c>kind NUL value</c>), e.g. <c>c_ot3taryvwql5uix5ygfmci3644</c>. The same identity always gives the same id within a
/// tenant, so events racing to create one person reach one customer; the id holds nothing of the identity (ids show in
/// URLs, logs, merges, webhooks and exports, where a phone number must not), and without the key, which never leaves
/// the database, nobody can tell which phone an id was made from by minting every number. Customers created before
/// keyed ids keep theirs (<c>phone:8613800138000</c>): ids never change. Thread-safe.
/// </summary>
public sealed class CustomerIdMint
{
    /// <summary>What every minted id starts with.</summary>
    public const string Prefix = "c_";

    /// <summary>The fewest key bytes accepted: as many as the hash gives.</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;

    /// <param name="key">The tenant's secret key, at least <see cref="MinKeyBytes"/> bytes.</param>
    public CustomerIdMint(byte[] key)
    {
        if (key.Length < MinKeyBytes) throw new ArgumentException($"A customer id key needs at least {MinKeyBytes} bytes", nameof(key));
        _key = [.. key];
    }

    /// <summary>The id of the customer created for <paramref name="identity"/> (normalised, as the index holds it).</summary>
    public string For(CustomerIdentity identity)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(identity.Kind + "\0" + identity.Value));
        return Prefix + SimpleBase.Base32.Rfc4648.Encode(mac.AsSpan(0, 16), padding: false).ToLowerInvariant();
    }
}
