using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class EventMixTests
{
    [Fact]
    public void Parses_weights_and_drops_zero_ones()
    {
        var mix = EventMix.Parse("message.received=3, order.paid=1,page.viewed=0");
        Assert.Equal(new Dictionary<string, int> { ["message.received"] = 3, ["order.paid"] = 1 }, mix.Weights);
        Assert.Equal(4, mix.TotalWeight);
    }

    [Fact]
    public void Pick_maps_draws_onto_weights_in_contract_order()
    {
        var mix = EventMix.Parse("order.paid=1,message.received=3");
        // Contract order puts message.received before order.paid, whatever order the option named them in.
        Assert.Equal(["message.received", "message.received", "message.received", "order.paid"], Enumerable.Range(0, 4).Select(mix.Pick));
        Assert.Throws<ArgumentOutOfRangeException>(() => mix.Pick(4));
    }

    [Fact]
    public void The_default_mix_covers_every_event_type_and_round_trips()
    {
        Assert.Equal(EventMix.EventTypes.Order(), EventMix.Default.Weights.Keys.Order());
        Assert.Equal(EventMix.Default.Weights, EventMix.Parse(EventMix.Default.ToString()).Weights);
    }

    [Theory]
    [InlineData("message.received", "is not type=weight")]
    [InlineData("x.custom=1", "unknown event type 'x.custom'")]
    [InlineData("order.paid=-1", "weight of 'order.paid' must be a whole number")]
    [InlineData("order.paid=1,order.paid=2", "'order.paid' is given twice")]
    [InlineData("order.paid=0", "at least one event type needs a weight above 0")]
    public void Bad_mixes_are_refused(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<OptionsException>(() => EventMix.Parse(text)).Message);
}
