namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// Folds friend events into a customer's relationships, and derives the status and the default owner from them. Every
/// step depends only on event times, never on arrival order: a <c>friend.deleted</c> at 03:10 that arrives before the
/// <c>friend.added</c> at 03:00 leaves the relationship deleted, as it would had they arrived in order.
/// </summary>
internal static class RelationshipFold
{
    /// <summary>The staff member (empty: unnamed) added the customer at <paramref name="at"/>.</summary>
    public static void Added(CustomerProfile c, string? staffId, DateTimeOffset at, string? channel)
    {
        var r = Find(c, staffId, at);
        if (at < r.Since) r.Since = at;
        // The latest change by event time wins; a delete at the same instant wins over an add.
        if (at > r.ChangedAt || (at == r.ChangedAt && r.Active))
        {
            r.Active = true;
            r.ChangedAt = at;
            r.Channel = channel ?? r.Channel;
        }
        RefreshStatus(c);
    }

    /// <summary>
    /// The customer deleted the staff member at <paramref name="at"/>; a deletion naming no one ends every relationship
    /// whose latest change came before it.
    /// </summary>
    public static void Deleted(CustomerProfile c, string? staffId, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(staffId))
        {
            Seed(c, at);
            if (c.AllRemovedAt is not { } all || at > all) c.AllRemovedAt = at;
        }
        else
        {
            var r = Find(c, staffId, at);
            if (at < r.Since) r.Since = at;
            if (r.RemovedAt is not { } removed || at > removed) r.RemovedAt = at;
            if (at >= r.ChangedAt)
            {
                r.Active = false;
                r.ChangedAt = at;
            }
        }
        RefreshStatus(c);
    }

    /// <summary>
    /// The owner by the default rule, unless someone assigned one: the first current follower by event time (unnamed
    /// followers cannot own); when every follower has been deleted, the last one deleted; with no follower at all,
    /// <paramref name="fallbackOwner"/>. A function of the relationships alone, so arrival order cannot change it.
    /// Returns whether the owner changed, and the previous one.
    /// </summary>
    public static bool ChooseOwner(CustomerProfile c, string? fallbackOwner, out string? previous)
    {
        previous = c.OwnerStaffId;
        if (c.OwnerStaffId is not null && c.OwnerBasis == OwnerBasis.Assigned) return false;
        Relationship? first = null, last = null;
        foreach (var r in c.Relationships ?? [])
        {
            if (r.StaffId.Length == 0) continue;
            if (c.IsActive(r))
            {
                if (first is null || r.Since < first.Since || (r.Since == first.Since && string.CompareOrdinal(r.StaffId, first.StaffId) < 0)) first = r;
            }
            else if (last is null || r.ChangedAt > last.ChangedAt || (r.ChangedAt == last.ChangedAt && string.CompareOrdinal(r.StaffId, last.StaffId) < 0)) last = r;
        }
        var follower = first ?? last;
        var (owner, basis) = follower is not null ? (follower.StaffId, OwnerBasis.Follower)
            : fallbackOwner is not null ? (fallbackOwner, OwnerBasis.Fallback)
            : (c.OwnerStaffId, c.OwnerBasis);
        if (owner == c.OwnerStaffId && basis == c.OwnerBasis) return false;
        (c.OwnerStaffId, c.OwnerBasis) = (owner, basis);
        return owner != previous;
    }

    private static Relationship Find(CustomerProfile c, string? staffId, DateTimeOffset at)
    {
        Seed(c, at);
        if (c.RelationshipWith(staffId) is { } existing) return existing;
        // New relationships start as "deleted before anything": the event that creates one then applies as any other.
        var r = new Relationship { StaffId = staffId ?? "", Since = at, Active = false, ChangedAt = DateTimeOffset.MinValue };
        c.Relationships!.Add(r);
        return r;
    }

    /// <summary>
    /// A profile from before relationships were kept has only a status and an owner: they become the owner's (or an
    /// unnamed) relationship, as of the first event seen.
    /// </summary>
    private static void Seed(CustomerProfile c, DateTimeOffset at)
    {
        if (c.Relationships is not null) return;
        c.Relationships = [];
        if (c.Status == CustomerStatus.Unknown) return;
        var since = c.FirstSeenAt ?? at;
        c.Relationships.Add(new Relationship { StaffId = c.OwnerStaffId ?? "", Since = since, Active = c.Status == CustomerStatus.Active, ChangedAt = since });
    }

    private static void RefreshStatus(CustomerProfile c)
    {
        var status = CustomerStatus.Unknown;
        foreach (var r in c.Relationships!)
        {
            if (c.IsActive(r))
            {
                status = CustomerStatus.Active;
                break;
            }
            status = CustomerStatus.Lost;
        }
        if (status == CustomerStatus.Unknown && c.AllRemovedAt is not null) status = CustomerStatus.Lost;
        c.Status = status;
    }
}
