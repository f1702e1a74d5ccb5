namespace PrivateDomainGrains.Persistence;

/// <summary>
/// One change to a customer that is not an event (<c>pdg_customer_changes</c>): <see cref="Kind"/> is tag-added,
/// tag-removed, owner-changed, tier-changed or field-set; <see cref="Detail"/> a JSON object saying what and by whom.
/// </summary>
public sealed record CustomerChangeRow(string Tenant, string CustomerId, DateTimeOffset At, string Kind, string Detail);

/// <summary>The kinds of <see cref="CustomerChangeRow"/>.</summary>
public static class CustomerChangeKinds
{
    public const string TagAdded = "tag-added";
    public const string TagRemoved = "tag-removed";
    public const string OwnerChanged = "owner-changed";
    public const string TierChanged = "tier-changed";
    public const string FieldSet = "field-set";
}
