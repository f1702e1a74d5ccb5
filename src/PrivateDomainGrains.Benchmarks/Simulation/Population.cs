using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// The synthetic population: four hidden segments (shares, habits, tolerance, response per action), the time zones
/// customers live in, and the rules that turn a seed into customers. The figures are assumptions chosen to look like
/// a cosmetics / retail private domain (response rates of a few percent, a second-purchase card as the strongest lever,
/// coupons working on deal seekers only); they were fixed before the policies were compared and are what the README's
/// figures depend on. Every rate is per customer and per week unless it says otherwise.
/// </summary>
public static class Population
{
    public static readonly IReadOnlyList<Segment> Segments =
    [
        new()
        {
            Name = "deal-seeker", Share = 0.30, PeakHours = [12, 20],
            PageViewsPerWeek = 1.5, MessagesPerWeek = 0.4, LikesPerWeek = 0.5, OrdersPerWeek = 0.04,
            Tolerance = 2, OrderValue = 90,
            Responses = new Dictionary<string, ActionResponse>
            {
                [SimulationPlaybook.OfferNewArrival] = new(0.020, 0.04),
                [SimulationPlaybook.OfferCoupon] = new(0.090, 0.08, ValueFactor: 0.8),
                [SimulationPlaybook.CheckIn] = new(0.010, 0.10),
                [SimulationPlaybook.SecondPurchase] = new(0.050, 0.06, FixedValue: 300),
                [SimulationPlaybook.ReEngagement] = new(0.060, 0.08, ValueFactor: 0.8),
                [SimulationPlaybook.OnboardingIntro] = new(0.010, 0.15),
                [SimulationPlaybook.OnboardingOffer] = new(0.070, 0.06, ValueFactor: 0.8),
            },
        },
        new()
        {
            Name = "loyal", Share = 0.25, PeakHours = [12, 18],
            PageViewsPerWeek = 1.0, MessagesPerWeek = 0.8, LikesPerWeek = 1.0, OrdersPerWeek = 0.08,
            Tolerance = 4, OrderValue = 220,
            Responses = new Dictionary<string, ActionResponse>
            {
                [SimulationPlaybook.OfferNewArrival] = new(0.070, 0.10),
                [SimulationPlaybook.OfferCoupon] = new(0.030, 0.05, ValueFactor: 0.8),
                [SimulationPlaybook.CheckIn] = new(0.050, 0.30),
                [SimulationPlaybook.SecondPurchase] = new(0.120, 0.10, FixedValue: 300),
                [SimulationPlaybook.ReEngagement] = new(0.050, 0.15, ValueFactor: 0.8),
                [SimulationPlaybook.OnboardingIntro] = new(0.030, 0.30),
                [SimulationPlaybook.OnboardingOffer] = new(0.040, 0.08, ValueFactor: 0.8),
            },
        },
        new()
        {
            Name = "busy", Share = 0.25, PeakHours = [8, 22],
            PageViewsPerWeek = 0.7, MessagesPerWeek = 0.2, LikesPerWeek = 0.2, OrdersPerWeek = 0.03,
            Tolerance = 1, OrderValue = 320,
            Responses = new Dictionary<string, ActionResponse>
            {
                [SimulationPlaybook.OfferNewArrival] = new(0.040, 0.03),
                [SimulationPlaybook.OfferCoupon] = new(0.010, 0.02, ValueFactor: 0.8),
                [SimulationPlaybook.CheckIn] = new(0.010, 0.05),
                [SimulationPlaybook.SecondPurchase] = new(0.040, 0.03, FixedValue: 300),
                [SimulationPlaybook.ReEngagement] = new(0.020, 0.03, ValueFactor: 0.8),
                [SimulationPlaybook.OnboardingIntro] = new(0.010, 0.05),
                [SimulationPlaybook.OnboardingOffer] = new(0.020, 0.02, ValueFactor: 0.8),
            },
        },
        new()
        {
            Name = "browser", Share = 0.20, PeakHours = [15, 21],
            PageViewsPerWeek = 2.5, MessagesPerWeek = 0.2, LikesPerWeek = 0.6, OrdersPerWeek = 0.015,
            Tolerance = 3, OrderValue = 70,
            Responses = new Dictionary<string, ActionResponse>
            {
                [SimulationPlaybook.OfferNewArrival] = new(0.015, 0.03),
                [SimulationPlaybook.OfferCoupon] = new(0.030, 0.04, ValueFactor: 0.8),
                [SimulationPlaybook.CheckIn] = new(0.005, 0.05),
                [SimulationPlaybook.SecondPurchase] = new(0.020, 0.03, FixedValue: 300),
                [SimulationPlaybook.ReEngagement] = new(0.020, 0.04, ValueFactor: 0.8),
                [SimulationPlaybook.OnboardingIntro] = new(0.005, 0.06),
                [SimulationPlaybook.OnboardingOffer] = new(0.020, 0.03, ValueFactor: 0.8),
            },
        },
    ];

    /// <summary>Where customers live (IANA zone, share): mostly mainland China, some abroad.</summary>
    public static readonly IReadOnlyList<(string Zone, double Share)> Zones =
    [
        ("Asia/Shanghai", 0.80), ("Asia/Tokyo", 0.08), ("Europe/London", 0.05), ("America/Los_Angeles", 0.04), ("Australia/Sydney", 0.03),
    ];

    /// <summary>Staff act on nudges in their own working hours, in the tenant's zone.</summary>
    public const string StaffZone = "Asia/Shanghai";

    /// <summary>
    /// One customer drawn from the seed: segment, zone, reading peaks (the segment's, each moved by up to an hour either
    /// way), and an activity level (exponentially distributed, mean 1: many quiet customers, a few very active ones)
    /// that scales every organic rate.
    /// </summary>
    public static SimCustomer Draw(int seed, int index, int staff)
    {
        var r = SimRandom.For(seed, index, 0);
        Span<double> shares = stackalloc double[Segments.Count];
        for (var i = 0; i < shares.Length; i++) shares[i] = Segments[i].Share;
        var segment = Segments[r.Pick(shares)];
        Span<double> zoneShares = stackalloc double[Zones.Count];
        for (var i = 0; i < zoneShares.Length; i++) zoneShares[i] = Zones[i].Share;
        var zoneId = Zones[r.Pick(zoneShares)].Zone;
        TimeZones.TryFind(zoneId, out var zone);
        var peaks = segment.PeakHours.Select(h => (h + r.Below(3) - 1 + 24) % 24).ToArray();
        var activity = Math.Max(0.02, r.Exponential(1));
        return new SimCustomer(index, segment, zoneId, zone, ResponseModel.ReadingCurve(peaks), activity, "staff-" + index % staff,
            SimRandom.For(seed, index, 1), SimRandom.For(seed, index, 2), SimRandom.For(seed, index, 3));
    }
}
