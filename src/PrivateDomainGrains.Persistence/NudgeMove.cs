namespace PrivateDomainGrains.Persistence;

/// <summary>
/// A customer's open nudges moving in the same transaction as its owner change: those that follow the owner go to
/// <see cref="Owner"/> (empty: there is none, they wait in the unassigned queue); when <see cref="Leaver"/> names a
/// staff member who left, the ones addressed to them by name go to <see cref="Successor"/>.
/// </summary>
public sealed record NudgeMove(string Tenant, string CustomerId, string Owner, string? Leaver = null, string? Successor = null) : ICustomerRow;
