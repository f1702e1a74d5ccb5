using System.Security.Cryptography;
using System.Text;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// Signatures as the Standard Webhooks specification (standardwebhooks.com) defines them, so receivers can use its
/// libraries or a few lines of their own: the secret is <c>whsec_</c> + base64 of 32 random bytes; each request carries
/// <c>webhook-id</c> (the notification id, the same on every attempt: deduplicate on it), <c>webhook-timestamp</c>
/// (Unix seconds of this attempt: refuse ones too far from now) and <c>webhook-signature</c> = <c>v1,</c> + base64 of
/// HMAC-SHA256, keyed with the secret's decoded bytes, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>.
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>A fresh secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value for the body sent with this id and timestamp.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
