using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// An event of the pending pool (<c>pdg_identity_pending</c>): <paramref name="Event"/> as posted, its customer id
/// empty, its identities recorded in its data (<see cref="Core.Identity.EventIdentities"/>). <paramref name="IdentityKeys"/>
/// are its strong identities as <c>kind=value</c>; <paramref name="Reason"/> why it waits (<c>unknown-identity</c>,
/// <c>nickname-only</c>); <paramref name="State"/> <c>pending</c>, <c>attached</c> (to <paramref name="CustomerId"/>)
/// or <c>dismissed</c>, <paramref name="SettledBy"/> saying how (<c>identity:kind=value</c>, <c>api</c>).
/// </summary>
public sealed record PendingEventRow(
    string Tenant, CustomerEvent Event, bool Backfill, IReadOnlyList<string> IdentityKeys, string? Nickname, string Reason,
    string State = PendingEventRow.Pending, string? CustomerId = null, DateTimeOffset ReceivedAt = default, DateTimeOffset? SettledAt = null, string? SettledBy = null)
{
    public const string Pending = "pending", Attached = "attached", Dismissed = "dismissed";
}
