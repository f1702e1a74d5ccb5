using Microsoft.AspNetCore.DataProtection;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// Webhook signing secrets at rest, protected with the cluster's Data Protection key ring (the dispatcher needs them in
/// clear to sign, so they are encrypted, not hashed). The tenant is part of the purpose: one tenant's protected secret
/// copied into another's subscription does not decrypt.
/// </summary>
public sealed class WebhookSecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "PrivateDomainGrains.Webhooks.SigningSecret.v1";

    public string Protect(string tenant, string secret) => provider.CreateProtector(Purpose, tenant).Protect(secret);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring lacks the key, or the payload was altered or belongs to another tenant.</exception>
    public string Unprotect(string tenant, string protectedSecret) => provider.CreateProtector(Purpose, tenant).Unprotect(protectedSecret);
}
