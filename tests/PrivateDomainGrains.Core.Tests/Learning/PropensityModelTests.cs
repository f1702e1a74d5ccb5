using System.Text.Json;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using static PrivateDomainGrains.Core.Tests.Fixture;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Learning;

public sealed class PropensityModelTests
{
    [Fact]
    public void An_untried_action_has_a_uniform_prior()
    {
        Assert.Equal((1.0, 1.0), new PropensityModel().Posterior("offer", "Repeat"));
    }

    [Fact]
    public void Outcomes_update_the_tenant_wide_and_the_segment_posterior()
    {
        var m = new PropensityModel();
        m.Record("offer", "Repeat", NudgeOutcome.Ordered);
        m.Record("offer", "Repeat", NudgeOutcome.Replied);
        m.Record("offer", "Prospect", NudgeOutcome.Dismissed);
        Assert.Equal((3.0, 2.0), m.Posterior("offer", PropensityModel.AllSegments));
        // Segment prior = tenant mean 0.6 worth 4 observations, plus 2 successes.
        var (a, b) = m.Posterior("offer", "Repeat");
        Assert.Equal((4.4, 1.6), (Math.Round(a, 6), Math.Round(b, 6)));
        Assert.True(m.Mean("offer", "Repeat") > m.Mean("offer", "Prospect"));
    }

    [Fact]
    public void A_posterior_read_between_outcomes_counts_every_outcome_and_every_new_arm()
    {
        var m = new PropensityModel();
        m.Record("offer", "Repeat", NudgeOutcome.Ordered);
        Assert.Equal((2.0, 1.0), m.Posterior("offer", PropensityModel.AllSegments));

        m.Record("offer", "Repeat", NudgeOutcome.Ignored);
        m.Record("offer", "Prospect", NudgeOutcome.Replied);
        m.Record("welcome", "Repeat", NudgeOutcome.Replied);

        Assert.Equal((3.0, 2.0), m.Posterior("offer", PropensityModel.AllSegments));
        // The segment arm added after the first read: prior = tenant mean 0.6 worth 4 observations, plus 1 success.
        Assert.Equal((4 * 0.6 + 1, 4 * 0.4), m.Posterior("offer", "Prospect"));
        Assert.Equal((2.0, 1.0), m.Posterior("welcome", PropensityModel.AllSegments));

        m.Arms = new() { ["*|offer"] = new BetaArm { Successes = 9 } };
        Assert.Equal((10.0, 1.0), m.Posterior("offer", PropensityModel.AllSegments));
    }

    [Fact]
    public void Only_a_customers_reply_or_order_is_a_success_and_the_owners_done_teaches_nothing()
    {
        var m = new PropensityModel();
        m.Record("offer", "Repeat", NudgeOutcome.Acted);
        Assert.Equal(0, m.Version);
        Assert.Equal((1.0, 1.0), m.Posterior("offer", PropensityModel.AllSegments));

        m.Record("offer", "Repeat", NudgeOutcome.Replied);
        m.Record("offer", "Repeat", NudgeOutcome.Ordered);
        m.Record("offer", "Repeat", NudgeOutcome.NoResponse);
        m.Record("offer", "Repeat", NudgeOutcome.Ignored);
        m.Record("offer", "Repeat", NudgeOutcome.Dismissed);
        Assert.Equal((3.0, 4.0), m.Posterior("offer", PropensityModel.AllSegments));
    }

    [Fact]
    public void The_model_serializes_with_explicit_names()
    {
        var m = new PropensityModel();
        m.Record("offer", "Repeat", NudgeOutcome.Ignored);
        var json = JsonSerializer.Serialize(m);
        Assert.Equal("""{"version":1,"arms":{"*|offer":{"s":0,"f":1},"Repeat|offer":{"s":0,"f":1}}}""", json);
        Assert.Equal(m.Posterior("offer", "Repeat"), JsonSerializer.Deserialize<PropensityModel>(json)!.Posterior("offer", "Repeat"));
    }

    [Fact]
    public void Beta_samples_centre_on_the_posterior_mean()
    {
        var random = new SeededRandom(3);
        var mean = Enumerable.Range(0, 4000).Average(_ => BetaSampler.Sample(8, 2, random));
        Assert.InRange(mean, 0.78, 0.82);
        Assert.InRange(Enumerable.Range(0, 4000).Average(_ => BetaSampler.Sample(0.5, 0.5, random)), 0.47, 0.53);
    }

    private static readonly CompiledPlaybook NudgeOnView = CompiledPlaybook.Compile(Playbook(Rule("nudge-on-view", OnEvent(EventTypes.PageViewed))));

    private static Decision Done(CustomerProfile c, string nudgeId, DateTimeOffset at) =>
        Decide(NudgeOnView, c, EngineInput.FromOutcome(nudgeId, NudgeOutcome.Acted), at);

    [Fact]
    public void A_reply_and_an_order_within_the_window_after_the_nudge_was_done_are_credited_to_it_once_each_and_teach_one_success()
    {
        var c = Customer();
        var id = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        Assert.Empty(Done(c, id, T0.AddHours(1)).Signals);

        var reply = Send(NudgeOnView, c, Event(EventTypes.MessageReceived, T0.AddHours(5), text: "ok"));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.Replied, id), Assert.Single(reply.Signals));
        var order = Send(NudgeOnView, c, Order(T0.AddHours(6), 10));
        var credit = Assert.Single(order.Credits);
        Assert.Equal((id, NudgeOutcome.Ordered, (decimal?)10m), (credit.NudgeId, credit.Outcome, credit.Amount));
        // The order counts in the reports; for learning the nudge was one trial, and it already succeeded.
        Assert.Empty(order.Signals);
        Assert.Empty(Send(NudgeOnView, c, Event(EventTypes.MessageReceived, T0.AddHours(7), text: "again")).Signals);
        Assert.Empty(Tick(NudgeOnView, c, T0.AddHours(1).AddDays(2)).Signals);
    }

    [Fact]
    public void An_acted_nudge_with_no_reply_or_order_in_the_window_teaches_failure_once_the_window_closes()
    {
        var c = Customer();
        var id = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        var done = Done(c, id, T0.AddHours(1));
        Assert.Empty(done.Signals);
        // The customer wakes when the window closes, so the failure is learned even if they never write again.
        Assert.Equal(T0.AddHours(1).AddDays(2), done.NextDueAt);

        Assert.Empty(Tick(NudgeOnView, c, T0.AddHours(1).AddDays(2).AddMinutes(-1)).Signals);
        var closed = Tick(NudgeOnView, c, T0.AddHours(1).AddDays(2));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.NoResponse, id), Assert.Single(closed.Signals));
        Assert.Null(closed.NextDueAt);
        Assert.Empty(Tick(NudgeOnView, c, T0.AddDays(5)).Signals);
    }

    [Fact]
    public void A_reply_credits_only_the_latest_acted_on_nudge_and_the_earlier_one_fails_when_its_window_closes()
    {
        var c = Customer();
        var first = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        var second = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0.AddHours(1))).Chosen!.Nudge.Id;
        Done(c, first, T0.AddHours(2));
        Done(c, second, T0.AddHours(3));

        var reply = Send(NudgeOnView, c, Event(EventTypes.MessageReceived, T0.AddHours(4), text: "ok"));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.Replied, second), Assert.Single(reply.Signals));
        var closed = Tick(NudgeOnView, c, T0.AddHours(2).AddDays(2));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.NoResponse, first), Assert.Single(closed.Signals));
    }

    [Fact]
    public void An_acted_nudge_awaiting_its_outcome_is_not_forgotten_among_many_closed_ones()
    {
        var c = Customer();
        var id = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        Done(c, id, T0.AddHours(1));
        for (var i = 0; i < EngineState.RecentNudgeLimit + 4; i++)
        {
            // Many touches in minutes: the engine's rest rule would hold them, and this specifies learning alone.
            var at = T0.AddHours(2).AddMinutes(i);
            var other = Decide(NudgeOnView, c, EngineInput.FromEvent(Event(EventTypes.PageViewed, at)), at, letCustomersRest: false).Chosen!.Nudge.Id;
            Decide(NudgeOnView, c, EngineInput.FromOutcome(other, NudgeOutcome.Dismissed), T0.AddHours(2).AddMinutes(i));
        }
        var closed = Tick(NudgeOnView, c, T0.AddHours(1).AddDays(2));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.NoResponse, id), Assert.Single(closed.Signals));
    }

    [Fact]
    public void Not_useful_teaches_failure_once()
    {
        var c = Customer();
        var id = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        var dismissed = Decide(NudgeOnView, c, EngineInput.FromOutcome(id, NudgeOutcome.Dismissed), T0.AddHours(1));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.Dismissed, id), Assert.Single(dismissed.Signals));
        Assert.Empty(Decide(NudgeOnView, c, EngineInput.FromOutcome(id, NudgeOutcome.Dismissed), T0.AddHours(2)).Signals);
        Assert.Empty(Tick(NudgeOnView, c, T0.AddDays(4)).Signals);
    }

    [Fact]
    public void A_reply_to_a_nudge_nobody_acted_on_credits_nobody()
    {
        var c = Customer();
        Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0));
        Assert.Empty(Send(NudgeOnView, c, Event(EventTypes.MessageReceived, T0.AddHours(1), text: "ok")).Signals);
    }

    [Fact]
    public void A_reply_after_the_window_is_not_credited()
    {
        var c = Customer();
        var id = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        Done(c, id, T0.AddHours(1));
        Assert.Empty(Send(NudgeOnView, c, Event(EventTypes.MessageReceived, T0.AddHours(1).AddDays(2).AddMinutes(1), text: "ok")).Credits);
    }

    [Fact]
    public void Only_the_most_recent_nudge_acted_on_is_credited()
    {
        var c = Customer();
        var first = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        var second = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0.AddHours(1))).Chosen!.Nudge.Id;
        Done(c, first, T0.AddHours(2));
        Done(c, second, T0.AddHours(3));
        Assert.Equal(second, Assert.Single(Send(NudgeOnView, c, Event(EventTypes.MessageReceived, T0.AddHours(4), text: "ok")).Credits).NudgeId);
    }

    [Fact]
    public void An_unanswered_nudge_teaches_failure_when_it_expires()
    {
        var c = Customer();
        var id = Send(NudgeOnView, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        var expired = Tick(NudgeOnView, c, T0.AddDays(3));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.Ignored, id), Assert.Single(expired.Signals));
        Assert.Equal(new ClosedNudge(id, NudgeClosings.Expired, T0.AddDays(3)), Assert.Single(expired.Closed));
    }
}
