using System.Text.Json;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using static PrivateDomainGrains.Core.Tests.Fixture;

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
        m.Record("offer", "Repeat", NudgeOutcome.Acted);
        m.Record("offer", "Prospect", NudgeOutcome.Dismissed);
        Assert.Equal((3.0, 2.0), m.Posterior("offer", PropensityModel.AllSegments));
        // Segment prior = tenant mean 0.6 worth 4 observations, plus 2 successes.
        var (a, b) = m.Posterior("offer", "Repeat");
        Assert.Equal((4.4, 1.6), (Math.Round(a, 6), Math.Round(b, 6)));
        Assert.True(m.Mean("offer", "Repeat") > m.Mean("offer", "Prospect"));
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

    [Fact]
    public void A_reply_within_the_attribution_window_is_credited_to_the_nudge_once()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("nudge-on-view", OnEvent(EventTypes.PageViewed))));
        var c = Customer();
        var id = Send(p, c, Event(EventTypes.PageViewed, T0)).Chosen!.Nudge.Id;
        var reply = Send(p, c, Event(EventTypes.MessageReceived, T0.AddHours(5), text: "ok"));
        Assert.Equal(new LearningSignal("nudge-on-view", "Prospect", NudgeOutcome.Replied, id), Assert.Single(reply.Signals));
        Assert.Empty(Send(p, c, Order(T0.AddHours(6), 10)).Signals);
    }

    [Fact]
    public void A_reply_after_the_window_is_not_credited()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("nudge-on-view", OnEvent(EventTypes.PageViewed))));
        var c = Customer();
        Send(p, c, Event(EventTypes.PageViewed, T0));
        Assert.Empty(Send(p, c, Event(EventTypes.MessageReceived, T0.AddDays(3), text: "ok")).Signals);
    }
}
