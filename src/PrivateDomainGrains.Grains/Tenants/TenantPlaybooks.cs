using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>
/// Turns stored playbook documents into what customers decide with. A tenant that never stored a playbook runs
/// <see cref="DefaultPlaybook"/> (the spine behaviour) as <see cref="PlaybookDocument.DefaultVersion"/>.
/// </summary>
public static class TenantPlaybooks
{
    public static PlaybookDocument DefaultDocument(string tenant)
    {
        var playbook = DefaultPlaybook.Create(tenant);
        playbook.Version = PlaybookDocument.DefaultVersion;
        return new PlaybookDocument(PlaybookDocument.DefaultVersion, PlaybookJson.Serialize(playbook), UpdatedAt: null);
    }

    /// <exception cref="PlaybookInvalidException">A stored version no longer validates (a stricter engine).</exception>
    public static CompiledPlaybook Compile(string tenant, PlaybookDocument document)
    {
        if (document.Version != PlaybookDocument.DefaultVersion) return CompiledPlaybook.Compile(document.Json);
        // Operators' documents start at version 1, which the validator enforces; the built-in default is numbered 0
        // after compiling so that the compiled playbook reports the same version as the API.
        var compiled = CompiledPlaybook.Compile(DefaultPlaybook.Create(tenant));
        compiled.Source.Version = PlaybookDocument.DefaultVersion;
        return compiled;
    }
}
