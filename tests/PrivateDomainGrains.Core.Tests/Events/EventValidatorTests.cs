using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Tests.Events;

public sealed class EventValidatorTests
{
    private static CustomerEvent Event(string id = "e1", string customerId = "li", string type = "page.viewed", Dictionary<string, string>? data = null) =>
        new(id, customerId, type, DateTimeOffset.UtcNow, null, null, null, data);

    [Theory]
    [InlineData("a")]
    [InlineData("wx:o6_bmjrPTlm6_2sgVt7hMZOPfL2M")]
    [InlineData("user@example.com")]
    [InlineData("A-Z_0.9")]
    public void Valid_ids_are_letters_digits_and_the_allowed_punctuation(string id) => Assert.True(Ids.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("中文")]
    public void Other_ids_are_rejected(string id) => Assert.False(Ids.IsValid(id));

    [Fact]
    public void Ids_longer_than_128_characters_are_rejected()
    {
        Assert.True(Ids.IsValid(new string('a', 128)));
        Assert.False(Ids.IsValid(new string('a', 129)));
    }

    [Theory]
    [InlineData("friend.added")]
    [InlineData("order.refunded")]
    [InlineData("x.coupon.claimed")]
    public void Known_and_custom_types_are_accepted(string type) => Assert.Empty(EventValidator.Validate(Event(type: type, data: type.StartsWith("order") ? new() { ["orderId"] = "o1" } : null)));

    [Theory]
    [InlineData("friend.poked")]
    [InlineData("x.")]
    [InlineData("x.has space")]
    public void Unknown_types_are_rejected(string type) => Assert.NotEmpty(EventValidator.Validate(Event(type: type)));

    [Fact]
    public void A_paid_order_needs_an_order_id_and_a_non_negative_amount()
    {
        Assert.Equal(2, EventValidator.Validate(Event(type: "order.paid")).Count);
        Assert.Single(EventValidator.Validate(Event(type: "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "-5" })));
        Assert.Single(EventValidator.Validate(Event(type: "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "12", ["currency"] = "rmb" })));
        Assert.Empty(EventValidator.Validate(Event(type: "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "12.50", ["currency"] = "CNY" })));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = EventValidator.Validate(Event(id: "bad id", customerId: "", type: "nope"));
        Assert.Equal(3, errors.Count);
    }
}
