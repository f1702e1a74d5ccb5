using PrivateDomainGrains.Benchmarks.Simulation;

namespace PrivateDomainGrains.Benchmarks.Tests;

public sealed class ResponseModelTests
{
    private static readonly Segment Loyal = Population.Segments.Single(s => s.Name == "loyal");

    [Fact]
    public void A_customer_reads_most_at_their_peak_hours_and_least_half_a_day_away()
    {
        var curve = ResponseModel.ReadingCurve([12, 18]);

        Assert.Equal(1, curve[12], 9);
        Assert.Equal(1, curve[18], 9);
        Assert.True(curve[11] < 1 && curve[11] > curve[9]);
        Assert.Equal(ResponseModel.OffPeakReading, curve[3], 3);
        Assert.All(curve, w => Assert.InRange(w, ResponseModel.OffPeakReading, 1));
    }

    [Fact]
    public void A_peak_near_midnight_wraps_round_the_clock()
    {
        var curve = ResponseModel.ReadingCurve([23]);
        Assert.Equal(curve[22], curve[0], 9);
    }

    [Fact]
    public void Response_falls_with_every_touch_of_the_last_week()
    {
        Assert.Equal(1, ResponseModel.Fatigue(0));
        Assert.Equal(0.5, ResponseModel.Fatigue(2));
        var chances = Enumerable.Range(0, 5).Select(n => ResponseModel.OrderChance(Loyal, SimulationPlaybook.SecondPurchase, 1, n)).ToArray();
        Assert.Equal(0.12, chances[0], 9);
        Assert.True(chances.Zip(chances.Skip(1)).All(p => p.First > p.Second), "each touch lowers the chance");
    }

    [Fact]
    public void An_order_is_likelier_at_the_customer_s_reading_peak()
    {
        var atPeak = ResponseModel.OrderChance(Loyal, SimulationPlaybook.CheckIn, 1, 0);
        var offPeak = ResponseModel.OrderChance(Loyal, SimulationPlaybook.CheckIn, ResponseModel.OffPeakReading, 0);
        Assert.Equal(ResponseModel.OffPeakReading, offPeak / atPeak, 9);
    }

    [Fact]
    public void A_customer_flooded_beyond_their_tolerance_or_sent_what_does_not_suit_them_is_likelier_to_leave()
    {
        var best = SimulationPlaybook.SecondPurchase; // the loyal segment's best fit
        var worst = SimulationPlaybook.OfferCoupon;
        var tolerated = ResponseModel.UnsubscribeChance(Loyal, best, Loyal.Tolerance);

        Assert.Equal(ResponseModel.BaseUnsubscribe, tolerated, 12);
        Assert.Equal(tolerated + 2 * ResponseModel.FloodUnsubscribe, ResponseModel.UnsubscribeChance(Loyal, best, Loyal.Tolerance + 2), 12);
        Assert.True(ResponseModel.UnsubscribeChance(Loyal, worst, Loyal.Tolerance) > tolerated);
    }

    [Fact]
    public void Staff_dismiss_a_nudge_that_suits_the_customer_badly_more_often_and_act_on_answers_more_than_on_offers()
    {
        var (actBest, dismissBest) = ResponseModel.StaffChances(Loyal, SimulationPlaybook.SecondPurchase, proactive: true);
        var (actWorst, dismissWorst) = ResponseModel.StaffChances(Loyal, SimulationPlaybook.OfferCoupon, proactive: true);
        var (actReactive, _) = ResponseModel.StaffChances(Loyal, "reply", proactive: false);

        Assert.Equal(ResponseModel.StaffDismissBase, dismissBest, 12);
        Assert.True(dismissWorst > dismissBest);
        Assert.Equal(actBest, actWorst);
        Assert.True(actReactive > actBest);
        Assert.True(actWorst + dismissWorst <= 1);
    }

    [Fact]
    public void The_oracle_s_chance_is_the_owner_acting_times_the_customer_ordering()
    {
        var p = ResponseModel.TrueConversion(Loyal, SimulationPlaybook.OfferNewArrival, proactive: true, reading: 0.5, touchesBefore: 2);
        Assert.Equal(ResponseModel.StaffActProactive * 0.07 * 0.5 * 0.5, p, 12);
    }

    [Fact]
    public void Every_segment_answers_every_proactive_source_of_the_playbook_and_the_shares_add_up()
    {
        Assert.Equal(1, Population.Segments.Sum(s => s.Share), 9);
        Assert.Equal(1, Population.Zones.Sum(z => z.Share), 9);
        foreach (var segment in Population.Segments)
            Assert.All(SimulationPlaybook.ProactiveSources, source => Assert.True(segment.ResponseTo(source).Order > 0, $"{segment.Name} / {source}"));
    }

    [Fact]
    public void The_same_seed_draws_the_same_customer_and_another_purpose_another_stream()
    {
        var a = Population.Draw(7, 42, staff: 10);
        var b = Population.Draw(7, 42, staff: 10);
        Assert.Equal((a.Segment.Name, a.ZoneId, a.Activity, a.StaffId), (b.Segment.Name, b.ZoneId, b.Activity, b.StaffId));
        Assert.Equal(a.Organic.NextDouble(), b.Organic.NextDouble());
        Assert.NotEqual(SimRandom.For(7, 42, 1).NextDouble(), SimRandom.For(7, 42, 2).NextDouble());
    }
}
