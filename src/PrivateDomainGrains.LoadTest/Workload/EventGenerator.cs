using PrivateDomainGrains.Client;
using System.Globalization;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>
/// Produces a run's events in order from one seeded random stream: the same seed, customers, staff and mix give
/// the same ids, customers, types, texts and amounts (only <c>at</c> follows the clock). Call <see cref="Next"/>
/// with consecutive indexes; the sequence is defined by that order.
/// </summary>
public sealed class EventGenerator
{
    private static readonly string[] InboundTexts =
    [
        "Is this serum suitable for oily skin?", "What is the price of the multi-visit card?", "油皮可以用吗？",
        "When will my order arrive?", "I want a refund", "Do you have a discount this week?", "Thanks, got it!",
        "Can I book for Saturday afternoon?",
    ];

    private static readonly string[] OutboundTexts =
    [
        "Hi! Happy to help, what is your skin type?", "Here is this week's offer for you.", "Your order ships today.",
        "Thanks for reaching out, I'll check and get back to you.",
    ];

    private readonly Random _random;
    private readonly int _customers;
    private readonly StaffRoster _roster;
    private readonly EventMix _mix;
    private readonly bool _eachCustomerOnce;
    private readonly string _idPrefix;
    private long _next;

    /// <param name="eachCustomerOnce">Customer n gets event n (activation runs) instead of a random customer.</param>
    public EventGenerator(int seed, int customers, StaffRoster roster, EventMix mix, bool eachCustomerOnce)
    {
        _random = new Random(seed);
        _customers = customers;
        _roster = roster;
        _mix = mix;
        _eachCustomerOnce = eachCustomerOnce;
        _idPrefix = $"s{seed}-e";
    }

    public PostedEvent Next(long index, DateTimeOffset at)
    {
        if (index != _next) throw new ArgumentException($"events must be generated in order: expected {_next}, got {index}", nameof(index));
        _next++;
        var customerIndex = _eachCustomerOnce ? index % _customers : _random.Next(_customers);
        var type = _mix.Pick(_random.Next(_mix.TotalWeight));
        var owner = _roster.OwnerOf(customerIndex);
        var (staffId, text, data) = type switch
        {
            "message.received" => (owner, Pick(InboundTexts), null),
            "message.sent" => (owner, Pick(OutboundTexts), null),
            "moment.commented" => (owner, Pick(InboundTexts), null),
            "friend.added" or "friend.deleted" or "moment.liked" => (owner, null, null),
            "order.paid" => (null, null, Order(index, "o")),
            "order.refunded" => (null, null, Order(index, "r")),
            "group.joined" or "group.left" => (null, null, new Dictionary<string, string> { ["groupId"] = $"g-{_random.Next(20)}" }),
            _ => ((string?)null, (string?)null, (Dictionary<string, string>?)null),
        };
        return new PostedEvent($"{_idPrefix}{index}", StaffRoster.CustomerId(customerIndex), type, at, "wecom", staffId, text, data);
    }

    /// <summary>The friend.added that gives a customer its round-robin owner before a run. Its id is stable, so re-provisioning is idempotent.</summary>
    public static PostedEvent ProvisioningEvent(long customerIndex, StaffRoster roster, DateTimeOffset at) =>
        new(ProvisioningEventId(StaffRoster.CustomerId(customerIndex)), StaffRoster.CustomerId(customerIndex), "friend.added", at, "wecom",
            roster.OwnerOf(customerIndex), null, new Dictionary<string, string> { ["nickname"] = $"Customer {customerIndex}" });

    public static string ProvisioningEventId(string customerId) => $"p-{customerId}";

    private string Pick(string[] texts) => texts[_random.Next(texts.Length)];

    private Dictionary<string, string> Order(long index, string prefix) => new()
    {
        ["orderId"] = $"{prefix}-{index}",
        ["amount"] = (_random.Next(1_000, 200_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        ["currency"] = "CNY",
    };
}
