using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Tiers;

/// <summary>
/// A tenant's tiering: a pure function of <see cref="CustomerValue"/>. Dormant (inactive too long) wins over
/// everything; then super user; then the order count: prospect, first purchase, repeat.
/// </summary>
public sealed class TierPolicy
{
    public static readonly TierPolicy Default = From(new TierSpec());

    public SuperUserSpec? SuperUser { get; init; }
    public int? DormantAfterDays { get; init; }

    public static TierPolicy From(TierSpec? spec) => new()
    {
        SuperUser = spec?.SuperUser,
        DormantAfterDays = spec?.DormantAfterDays,
    };

    public CustomerTier TierOf(CustomerValue v)
    {
        if (DormantAfterDays is { } dormant && v.DaysSinceInteraction >= dormant) return CustomerTier.Dormant;
        if (SuperUser is { } s && IsSuperUser(s, v)) return CustomerTier.SuperUser;
        return v.Frequency switch
        {
            <= 0 => CustomerTier.Prospect,
            1 => CustomerTier.FirstPurchase,
            _ => CustomerTier.Repeat,
        };
    }

    public CustomerTier TierOf(CustomerProfile c, DateTimeOffset now) => TierOf(CustomerValue.Of(c, now));

    /// <summary>When the customer turns dormant if nothing happens before, so the grain can wake up then; null if never.</summary>
    public DateTimeOffset? DormantAt(CustomerProfile c) =>
        DormantAfterDays is { } days && c.LastInteractionAt is { } last && c.Tier != CustomerTier.Dormant
            ? Instants.Plus(last, TimeSpan.FromDays(days))
            : null;

    private static bool IsSuperUser(SuperUserSpec s, CustomerValue v) =>
        (s.MinOrders is null || v.Frequency >= s.MinOrders)
        && (s.MinSpend is null || v.Monetary >= s.MinSpend)
        && (s.MaxDaysSinceOrder is null || v.DaysSinceOrder <= s.MaxDaysSinceOrder);
}
