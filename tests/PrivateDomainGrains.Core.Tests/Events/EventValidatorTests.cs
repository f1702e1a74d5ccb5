using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Tests.Events;

public sealed class EventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static CustomerEvent Event(string id = "e1", string customerId = "li", string type = "page.viewed", Dictionary<string, string>? data = null,
        DateTimeOffset? at = null, string? channel = null, string? text = null) =>
        new(id, customerId, type, at ?? Now, channel, null, text, data);

    private static IReadOnlyList<FieldError> Validate(CustomerEvent e) => EventValidator.Validate(e, Now);

    private static Dictionary<string, string> Order(string amount) => new() { ["orderId"] = "o1", ["amount"] = amount };

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
    public void Known_and_custom_types_are_accepted(string type) => Assert.Empty(Validate(Event(type: type, data: type.StartsWith("order") ? new() { ["orderId"] = "o1" } : null)));

    [Theory]
    [InlineData("friend.poked")]
    [InlineData("x.")]
    [InlineData("x.has space")]
    public void Unknown_types_are_rejected(string type) => Assert.NotEmpty(Validate(Event(type: type)));

    [Fact]
    public void A_paid_order_needs_an_order_id_and_a_non_negative_amount()
    {
        Assert.Equal(2, Validate(Event(type: "order.paid")).Count);
        Assert.Single(Validate(Event(type: "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "-5" })));
        Assert.Single(Validate(Event(type: "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "12", ["currency"] = "rmb" })));
        Assert.Empty(Validate(Event(type: "order.paid", data: new() { ["orderId"] = "o1", ["amount"] = "12.50", ["currency"] = "CNY" })));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Validate(Event(id: "bad id", customerId: "", type: "nope"));
        Assert.Equal(3, errors.Count);
    }

    [Theory]
    [InlineData(@"x\u0000", "contains U+0000")]
    [InlineData(@"a\ud800b", "unpaired surrogate")]
    [InlineData(@"\udc00", "unpaired surrogate")]
    public void Text_that_cannot_be_stored_is_refused_in_every_string_field(string escaped, string why)
    {
        var value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Contains(Validate(Event(channel: value)), f => f.Field == "channel" && f.Message.Contains(why));
        Assert.Contains(Validate(Event(text: value)), f => f.Field == "text" && f.Message.Contains(why));
        Assert.Contains(Validate(Event(data: new() { ["note"] = value })), f => f.Field == "data.note" && f.Message.Contains(why));
        Assert.Contains(Validate(Event(data: new() { [value] = "v" })), f => f.Field == "data");
    }

    [Fact]
    public void Lengths_count_characters_as_a_person_does_so_emoji_fill_a_field_as_letters_do()
    {
        static string Emoji(int count) => string.Concat(Enumerable.Repeat("👍", count));
        Assert.Empty(Validate(Event(channel: Emoji(EventValidator.MaxChannelLength), text: Emoji(EventValidator.MaxTextLength),
            data: new() { [Emoji(EventValidator.MaxDataKeyLength)] = Emoji(EventValidator.MaxDataValueLength) })));
        Assert.Equal(["channel", "data", "data.note", "text"], Validate(Event(channel: Emoji(EventValidator.MaxChannelLength + 1),
            text: Emoji(EventValidator.MaxTextLength + 1),
            data: new() { [Emoji(EventValidator.MaxDataKeyLength + 1)] = "v", ["note"] = Emoji(EventValidator.MaxDataValueLength + 1) }))
            .Select(f => f.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Emoji_cjk_combining_marks_and_rtl_text_are_storable()
    {
        Assert.Empty(Validate(Event(text: "油皮 👩🏽‍💻 é مرحبا", channel: "微信")));
    }

    [Fact]
    public void An_event_time_is_history_or_now_never_further_ahead_than_the_clock_skew()
    {
        Assert.Empty(Validate(Event(at: Now.AddMinutes(5))));
        Assert.Empty(Validate(Event(at: new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.Equal("at", Assert.Single(Validate(Event(at: Now.AddMinutes(6)))).Field);
        Assert.Equal("at", Assert.Single(Validate(Event(at: DateTimeOffset.MaxValue.AddDays(-1)))).Field);
        Assert.Equal("at", Assert.Single(Validate(Event(at: new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero)))).Field);
    }

    [Theory]
    [InlineData("1000000000000")]
    [InlineData("0.0001")]
    [InlineData("199.00")]
    public void Amounts_up_to_a_trillion_with_four_decimals_are_accepted(string amount) =>
        Assert.Empty(Validate(Event(type: "order.paid", data: Order(amount))));

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000000000.01")]
    [InlineData("0.00001")]
    [InlineData("1e40")]
    [InlineData("twelve")]
    public void Amounts_beyond_the_bounds_are_refused_naming_the_field(string amount) =>
        Assert.Equal("data.amount", Assert.Single(Validate(Event(type: "order.paid", data: Order(amount)))).Field);
}
