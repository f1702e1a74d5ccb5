using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>
/// A tenant's playbook: the one place it is validated, versioned and stored. Key: the tenant id.
/// Silos keep a compiled copy per version in memory and poll <see cref="GetVersionAsync"/> to notice changes.
/// </summary>
[Alias("pdg.ITenantPlaybookGrain")]
public interface ITenantPlaybookGrain : IGrainWithStringKey
{
    /// <summary>The current document; the built-in default (version 0, no update time) until the first accepted PUT.</summary>
    [Alias("Get"), ReadOnly] Task<PlaybookDocument> GetAsync();

    /// <summary>
    /// Validates <paramref name="json"/> and, if it holds, stores it as the next version. The server owns
    /// <c>version</c> (whatever the document says is replaced) and <c>tenantId</c> (absent or this tenant).
    /// </summary>
    [Alias("Put")] Task<PlaybookPutResult> PutAsync(string json);

    /// <summary>The current version, 0 for the default: cheap enough for every silo to poll.</summary>
    [Alias("GetVersion"), ReadOnly] Task<int> GetVersionAsync();
}
