using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivateDomainGrains.Client;

/// <summary>
/// Verifies a webhook request as the platform signs it (the Standard Webhooks scheme): <c>webhook-signature</c> holds
/// one or more space-separated <c>v1,{base64}</c>, each HMAC-SHA256 keyed with the base64-decoded part of the
/// <c>whsec_</c> secret over <c>{webhook-id}.{webhook-timestamp}.{body}</c>; <c>webhook-timestamp</c> is Unix seconds.
/// </summary>
public static class WebhookSignature
{
    /// <summary>
    /// True when one of the signatures matches (compared in constant time) and the timestamp is within
    /// <paramref name="tolerance"/> (5 minutes by default) of <paramref name="now"/>: refuse the request otherwise.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string signatureHeader, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal)) throw new ArgumentException("A webhook secret starts with whsec_", nameof(secret));
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5))) return false;
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), signed);
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal)) continue;
            var given = new byte[32];
            if (Convert.TryFromBase64String(candidate[3..], given, out var written) && written == 32 && CryptographicOperations.FixedTimeEquals(given, expected))
                return true;
        }
        return false;
    }
}
