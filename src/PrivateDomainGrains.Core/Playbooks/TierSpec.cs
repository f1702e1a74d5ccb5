using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Tenant tier thresholds. Prospect / first purchase / repeat follow the order count; a customer meeting
/// <see cref="SuperUser"/> is a super user; one inactive for <see cref="DormantAfterDays"/> is dormant (checked first,
/// because a lapsed super user needs re-engaging, not VIP treatment).
/// </summary>
public sealed class TierSpec
{
    public SuperUserSpec? SuperUser { get; set; }
    [Range(1, PlaybookValidator.MaxDays)]
    public int? DormantAfterDays { get; set; }
}

/// <summary>All given thresholds must hold (recency / frequency / monetary).</summary>
public sealed class SuperUserSpec
{
    [Range(1, PlaybookValidator.MaxSuperUserOrders)]
    public int? MinOrders { get; set; }
    public decimal? MinSpend { get; set; }
    /// <summary>The last order is at most this many days old.</summary>
    [Range(1, PlaybookValidator.MaxDays)]
    public int? MaxDaysSinceOrder { get; set; }
}
