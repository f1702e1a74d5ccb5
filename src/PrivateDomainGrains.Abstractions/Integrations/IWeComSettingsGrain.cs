using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Integrations;

/// <summary>
/// A tenant's WeCom callback settings. Key: the tenant id. The grain holds the CorpID in clear and the Token and
/// EncodingAESKey only as the host protected them (ASP.NET Core Data Protection): it never sees them in clear.
/// </summary>
[Alias("pdg.IWeComSettingsGrain")]
public interface IWeComSettingsGrain : IGrainWithStringKey
{
    /// <summary>The stored settings, or null if the tenant never set them.</summary>
    [Alias("Get"), ReadOnly] Task<WeComSettingsDocument?> GetAsync();

    /// <summary>Replaces the settings; returns them as stored, with the time of the change.</summary>
    [Alias("Put")] Task<WeComSettingsDocument> PutAsync(string corpId, string protectedSecrets);
}
