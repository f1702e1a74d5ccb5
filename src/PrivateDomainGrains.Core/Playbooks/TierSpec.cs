namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Tenant tier thresholds. Prospect / first purchase / repeat follow the order count; a customer meeting
/// <see cref="SuperUser"/> is a super user; one inactive for <see cref="DormantAfterDays"/> is dormant (checked first,
/// because a lapsed super user needs re-engaging, not VIP treatment).
/// </summary>
public sealed class TierSpec
{
    public SuperUserSpec? SuperUser { get; set; }
    public int? DormantAfterDays { get; set; }
}

/// <summary>All given thresholds must hold (recency / frequency / monetary).</summary>
public sealed class SuperUserSpec
{
    public int? MinOrders { get; set; }
    public decimal? MinSpend { get; set; }
    /// <summary>The last order is at most this many days old.</summary>
    public int? MaxDaysSinceOrder { get; set; }
}
