using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Tags;

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

    /// <summary>
    /// The tenant's exclusive tag groups: a tag added by hand, by a keyword or by a rule displaces the customer's other
    /// tags of its group (each removal is a tag change of its own, with its rules). Null: none.
    /// </summary>
    public ExclusiveTagGroups? ExclusiveTags { get; init; }

    /// <summary>
    /// When set, the propensity of each candidate (normally 0 to 1: the chance the nudge succeeds), given the nudge and the
    /// customer's segment (tier name), used in place of <see cref="Model"/> and <see cref="Random"/>. Null (the
    /// grains' case): the model's Thompson draw or posterior mean, or 0.5 without a model. The decision simulator
    /// scores with known response rates through it (its oracle) and picks at random among eligible nudges.
    /// </summary>
    public Func<PlannedNudge, string, double>? Propensity { get; init; }

    /// <summary>
    /// Proactive nudges wait for the customer's active hour (see <see cref="Arbitration"/>): true, as the grains decide.
    /// False sends them as soon as the contact policy allows: the decision simulator's fixed-priority baseline, the
    /// order and timing a team would set by hand.
    /// </summary>
    public bool WaitForActiveHour { get; init; } = true;

    /// <summary>
    /// Whether a customer who had the contact policy's <see cref="Policy.ContactPolicy.RestAfterTouches"/> proactive touches in the
    /// last <see cref="Arbitration.RestWindow"/> rests (see <see cref="Arbitration"/>). True as the grains decide; false only
    /// for the decision simulator's fixed-priority baseline, which sends as soon as the caps allow.
    /// </summary>
    public bool LetCustomersRest { get; init; } = true;
}
