using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// Encrypts a tenant's Token and EncodingAESKey with ASP.NET Core Data Protection (authenticated AES-256-CBC +
/// HMAC-SHA256 under the cluster's shared key ring, keys rotated every 90 days, old keys kept to read old payloads).
/// The tenant id is part of the purpose, so one tenant's payload copied into another's settings does not decrypt.
/// </summary>
public sealed class WeComSettingsProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "PrivateDomainGrains.WeCom.CallbackSecrets.v1";

    private sealed record Secrets(string Token, string EncodingAesKey);

    public string Protect(string tenant, string token, string encodingAesKey) =>
        Protector(tenant).Protect(JsonSerializer.Serialize(new Secrets(token, encodingAesKey)));

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring lacks the key, or the payload was altered or belongs to another tenant.</exception>
    public (string Token, string EncodingAesKey) Unprotect(string tenant, string protectedSecrets)
    {
        var secrets = JsonSerializer.Deserialize<Secrets>(Protector(tenant).Unprotect(protectedSecrets))!;
        return (secrets.Token, secrets.EncodingAesKey);
    }

    private IDataProtector Protector(string tenant) => provider.CreateProtector(Purpose, tenant);
}
