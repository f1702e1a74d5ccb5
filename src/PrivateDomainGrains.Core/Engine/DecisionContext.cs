using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// What a decision depends on besides the customer: the time, the tenant's propensity snapshot, the owner's current
/// open-nudge count, and the random source for exploration (null: use posterior means, no exploration).
/// </summary>
public sealed record DecisionContext(DateTimeOffset Now)
{
    public PropensityModel? Model { get; init; }
    public int OwnerOpenNudges { get; init; }
    public IRandomSource? Random { get; init; }
}
