namespace PrivateDomainGrains.Persistence;

/// <summary>A due-index row a scheduler has leased: wake this customer for <paramref name="DueAt"/>.</summary>
public sealed record DueClaim(string Tenant, string CustomerId, DateTimeOffset DueAt);
