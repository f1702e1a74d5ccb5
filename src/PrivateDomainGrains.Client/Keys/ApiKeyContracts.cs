namespace PrivateDomainGrains.Client;

/// <param name="Scopes">events:write, customers:read, customers:write, playbook:read, playbook:write, reports:read, staff:manage, integrations:manage, webhooks:manage, admin.</param>
/// <param name="ExpiresAt">When it stops working by itself; none by default.</param>
public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt = null);

/// <summary>A named key (never the key itself); <see cref="State"/> active, expired or revoked.</summary>
public sealed record ApiKeyView(string KeyId, string Name, IReadOnlyList<string> Scopes, string Prefix, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string? RotatedFrom);

/// <summary>The tenant's named keys, as the API answers them (<see cref="ApiKeysClient.ListAsync"/> returns the items).</summary>
public sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Items);

/// <summary>A key just made, shown this once (<see cref="Key"/>); after a rotation <see cref="Replaced"/> is the old key with the end of its overlap.</summary>
public sealed record ApiKeyIssued(ApiKeyView ApiKey, string Key, ApiKeyView? Replaced = null);
