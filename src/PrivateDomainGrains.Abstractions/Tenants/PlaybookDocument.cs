namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>One stored playbook version as camelCase JSON. <see cref="UpdatedAt"/> is null for the built-in default.</summary>
[GenerateSerializer, Immutable, Alias("pdg.PlaybookDocument")]
public sealed record PlaybookDocument(
    [property: Id(0)] int Version,
    [property: Id(1)] string Json,
    [property: Id(2)] DateTimeOffset? UpdatedAt)
{
    /// <summary>The version of a tenant that never stored a playbook: it runs the built-in default.</summary>
    public const int DefaultVersion = 0;
}
