namespace PrivateDomainGrains.Persistence;

/// <summary>
/// A customer's open nudges moving in the same transaction as its owner change: those that follow the owner go to
/// <see cref="Owner"/> (empty: there is none, they wait in the unassigned queue); on a handover, the ones addressed by
/// name to <see cref="HandedFrom"/> go to <see cref="HandedTo"/>.
/// </summary>
public sealed record NudgeMove(string Tenant, string CustomerId, string Owner, string? HandedFrom = null, string? HandedTo = null) : ICustomerRow;
