using System.Security.Cryptography;
using System.Text;

namespace PrivateDomainGrains.Host.Security;

/// <summary>Tenant keys: random, shown once, stored only as SHA-256 (their entropy makes a slow hash unnecessary).</summary>
public static class ApiKeys
{
    public static string Generate(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(string presented, byte[] expectedHash) =>
        expectedHash.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(presented), expectedHash);

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
