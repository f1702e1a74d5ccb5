using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// The tenant playbook the simulator runs, built with the playbook spec types: the default's reactive rules (welcome,
/// reply, lost-friend alert) plus proactive actions that compete for the same few contacts a week: two offers on every
/// page view from a customer nobody wrote to for 3 days (new arrivals, a coupon), a check-in after 10 quiet days, a second-purchase card 7 days after a first
/// order, re-engagement after 30 quiet days, and a two-step onboarding SOP. Values are the operator's estimate of the
/// order each action leads to (CNY); caps of 1 a day and 3 a week, quiet hours 21:00-09:00 in the customer's zone.
/// </summary>
public static class SimulationPlaybook
{
    public const string OfferNewArrival = "offer-new-arrival";
    public const string OfferCoupon = "offer-coupon";
    public const string CheckIn = "check-in";
    public const string SecondPurchase = "second-purchase";
    public const string ReEngagement = "re-engagement";
    public const string Onboarding = "onboarding";
    public const string OnboardingIntro = Onboarding + "/intro";
    public const string OnboardingOffer = Onboarding + "/first-order-offer";

    public const string LostTag = "lost";

    /// <summary>The proactive sources, in the order reports list them.</summary>
    public static readonly IReadOnlyList<string> ProactiveSources =
        [OfferNewArrival, OfferCoupon, CheckIn, SecondPurchase, ReEngagement, OnboardingIntro, OnboardingOffer];

    /// <param name="attributionWindow">The contact policy's attribution window (<see cref="Durations"/> syntax).</param>
    public static Playbook Create(string attributionWindow = "48h")
    {
        var playbook = DefaultPlaybook.Create("sim");
        playbook.TimeZone = Population.StaffZone;
        playbook.Rules.AddRange(
        [
            // A customer who deleted the friend is marked, and no proactive rule nudges about them again.
            new RuleSpec
            {
                Id = "mark-lost", Trigger = OnEvent(EventTypes.FriendDeleted),
                Actions = [new ActionSpec { Kind = ActionKinds.AddTag, Tag = LostTag }],
            },
            new RuleSpec
            {
                Id = "start-onboarding", Trigger = OnEvent(EventTypes.FriendAdded),
                Actions = [new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = Onboarding }],
            },
            Proactive(OfferNewArrival, OnEvent(EventTypes.PageViewed), "offer", value: 150, priority: 60,
                "New arrivals for {name}", "{name} was looking around: show the new arrivals that match what they viewed."),
            Proactive(OfferCoupon, OnEvent(EventTypes.PageViewed), "offer", value: 80, priority: 50,
                "Coupon for {name}", "{name} was looking around: offer this week's 20% coupon."),
            Proactive(CheckIn, new TriggerSpec { Kind = TriggerKinds.Inactive, Days = 10 }, "check-in", value: 120, priority: 40,
                "Check in with {name}", "Nothing from {name} for 10 days: ask how they are getting on with their last purchase."),
            Proactive(SecondPurchase, new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.OrderPaid, Delay = "7d", Anchor = "first" },
                "second-purchase", value: 300, priority: 70,
                "Second purchase for {name}", "{name} bought once a week ago: offer the multi-visit card.",
                new ConditionSpec { Kind = ConditionKinds.Counter, Counter = "orders", Op = "=", Value = 1 }),
            Proactive(ReEngagement, new TriggerSpec { Kind = TriggerKinds.Inactive, Days = 30 }, "re-engagement", value: 100, priority: 55,
                "Win {name} back", "{name} has been quiet for a month: send the come-back offer."),
        ]);
        playbook.Sequences =
        [
            new SequenceSpec
            {
                Id = Onboarding,
                ExitOn = [EventTypes.OrderPaid, EventTypes.FriendDeleted],
                Steps =
                [
                    Step("intro", "1d", "check-in", value: 60, priority: 45, "Introduce yourself to {name}", "Tell {name} what you can help with."),
                    Step("first-order-offer", "4d", "offer", value: 100, priority: 50, "First-order offer for {name}", "Offer {name} the new-customer gift."),
                ],
            },
        ];
        playbook.Tiers = new TierSpec
        {
            SuperUser = new SuperUserSpec { MinOrders = 3, MinSpend = 600, MaxDaysSinceOrder = 90 },
            DormantAfterDays = 45,
        };
        playbook.ContactPolicy = new ContactPolicySpec
        {
            Caps = [new ContactCapSpec { Max = 1, Window = "1d" }, new ContactCapSpec { Max = 3, Window = "7d" }],
            QuietHours = new QuietHoursSpec { Start = "21:00", End = "09:00" },
            SuppressAfterDismissals = 3,
            AttributionWindow = attributionWindow,
        };
        return playbook;
    }

    /// <summary>Page views come often: an offer only for a customer nobody has written to for 3 days.</summary>
    private static readonly ConditionSpec NotContactedFor3Days =
        new() { Kind = ConditionKinds.SinceLastContact, Op = ">=", Duration = "3d" };

    private static TriggerSpec OnEvent(string type) => new() { Kind = TriggerKinds.Event, Event = type };

    private static RuleSpec Proactive(string id, TriggerSpec trigger, string kind, double value, int priority, string title, string script,
        params ConditionSpec[] conditions) => new()
    {
        Id = id,
        Trigger = trigger,
        Conditions = [new ConditionSpec { Kind = ConditionKinds.Tags, None = [LostTag] }, .. conditions],
        Priority = priority,
        Value = value,
        Actions = [new ActionSpec { Kind = ActionKinds.Nudge, NudgeKind = kind, Title = title, Script = script }],
    };

    private static StepSpec Step(string id, string delay, string kind, double value, int priority, string title, string script) => new()
    {
        Id = id,
        Delay = delay,
        Priority = priority,
        Value = value,
        Nudge = new ActionSpec { Kind = ActionKinds.Nudge, NudgeKind = kind, Title = title, Script = script },
    };
}
