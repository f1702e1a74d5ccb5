namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>A tenant and the SHA-256 hashes of its keys (keys are random and high-entropy, so a fast hash is enough).</summary>
[GenerateSerializer, Immutable, Alias("pdg.TenantInfo")]
public sealed record TenantInfo(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Name,
    [property: Id(2)] byte[] ApiKeyHash,
    [property: Id(3)] byte[] AdminKeyHash,
    [property: Id(4)] DateTimeOffset CreatedAt);
