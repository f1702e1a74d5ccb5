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
    /// <c>version</c> (whatever the document says is replaced) and <c>tenantId</c> (absent or this tenant). Every stored
    /// version is kept in the history with <paramref name="storedBy"/> (the audit log's actor: <c>admin-key</c>,
    /// <c>staff:&lt;id&gt;</c>...).
    /// </summary>
    [Alias("Put")] Task<PlaybookPutResult> PutAsync(string json, string? storedBy = null);

    /// <summary>
    /// Stores history version <paramref name="version"/> again, exactly, as the next version (itself kept in the history,
    /// naming the version it restored). Version 0 restores the built-in default (<see cref="PlaybookDocument.DefaultVersion"/>)
    /// as a new version with its content. Null when the tenant has no such version; refused (as a PUT) when that version no
    /// longer validates.
    /// </summary>
    [Alias("Rollback")] Task<PlaybookPutResult?> RollbackAsync(int version, string? storedBy = null);

    /// <summary>The current version, 0 for the default: cheap enough for every silo to poll.</summary>
    [Alias("GetVersion"), ReadOnly] Task<int> GetVersionAsync();
}
