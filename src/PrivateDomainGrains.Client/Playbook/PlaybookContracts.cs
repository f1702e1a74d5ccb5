using System.Text.Json;

namespace PrivateDomainGrains.Client;

/// <param name="Version">0 is the built-in default until the first PUT.</param>
/// <param name="Playbook">The playbook document (camelCase JSON: rules, sequences, keywords, tiers, contactPolicy).</param>
public sealed record PlaybookResponse(int Version, DateTimeOffset? UpdatedAt, JsonElement Playbook);

public sealed record PlaybookStored(int Version);
