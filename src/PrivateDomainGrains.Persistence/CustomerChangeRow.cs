namespace PrivateDomainGrains.Persistence;

/// <summary>
/// One change to a customer that is not an event (<c>pdg_customer_changes</c>): <see cref="Kind"/> is tag-added,
/// tag-removed, owner-changed, tier-changed, field-set, merged, merged-into or merge-undone; <see cref="Detail"/> a JSON object saying what and by whom.
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
    /// <summary>The customer was lost or regained (<c>{"from","to"}</c>: Unknown, Active or Lost, one of them Lost).</summary>
    public const string StatusChanged = "status-changed";
    /// <summary>On the survivor: another customer was merged into it (<c>{"absorbedId","mergeId","by"}</c>).</summary>
    public const string Merged = "merged";
    /// <summary>On the absorbed customer: it was merged into another (<c>{"survivorId","mergeId","by"}</c>).</summary>
    public const string MergedInto = "merged-into";
    /// <summary>On both sides: a merge was undone (<c>{"survivorId","absorbedId","mergeId","by"}</c>).</summary>
    public const string MergeUndone = "merge-undone";
}
