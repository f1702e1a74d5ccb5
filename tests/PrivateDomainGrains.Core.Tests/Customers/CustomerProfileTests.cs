using System.Text.Json;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Customers;

public sealed class CustomerProfileTests
{
    private static CustomerProfile Fold(params CustomerEvent[] events)
    {
        var customer = new CustomerProfile { CustomerId = "c1" };
        var sequence = 0;
        foreach (var e in events) Fixture.DecideByDefault(customer, e, ++sequence);
        return customer;
    }

    [Fact]
    public void A_recent_event_is_recognised_as_a_duplicate()
    {
        var customer = Fold(Event(EventTypes.FriendAdded, T0, id: "a1"), Event(EventTypes.MessageReceived, T0.AddMinutes(1), "hi", id: "a2"));
        Assert.True(customer.HasSeenEvent("a1"));
        Assert.True(customer.HasSeenEvent("a2"));
        Assert.False(customer.HasSeenEvent("a3"));
    }

    [Fact]
    public void An_event_older_than_the_recent_history_is_left_to_the_journal_to_refuse()
    {
        var events = Enumerable.Range(0, CustomerProfile.RecentInteractionLimit + 1)
            .Select(i => Event(EventTypes.PageViewed, T0.AddMinutes(i), id: $"v{i}")).ToArray();
        var customer = Fold(events);
        Assert.False(customer.HasSeenEvent("v0"));
        Assert.True(customer.HasSeenEvent("v1"));
        Assert.True(customer.HasSeenEvent($"v{CustomerProfile.RecentInteractionLimit}"));
    }

    [Fact]
    public void Tags_are_kept_once_each_in_ordinal_order()
    {
        var customer = new CustomerProfile();
        Assert.True(customer.Tags.Add("vip"));
        Assert.True(customer.Tags.Add("B2B"));
        Assert.True(customer.Tags.Add("oily-skin"));
        Assert.False(customer.Tags.Add("vip"));
        Assert.True(customer.Tags.Remove("oily-skin"));
        Assert.False(customer.Tags.Remove("oily-skin"));
        Assert.Equal(["B2B", "vip"], customer.Tags);
        Assert.Contains("vip", customer.Tags);
    }

    [Fact]
    public void A_snapshot_round_trip_keeps_everything_the_engine_decides_on()
    {
        var history = new[]
        {
            Event(EventTypes.FriendAdded, T0, data: new Dictionary<string, string> { ["nickname"] = "Lin" }),
            Event(EventTypes.MessageReceived, T0.AddMinutes(5), "油皮可以用吗？ what is the price?"),
            Event(EventTypes.MessageSent, T0.AddMinutes(9), "Hi! Happy to help"),
            Event(EventTypes.PageViewed, T0.AddHours(2), channel: "douyin"),
            Order(T0.AddDays(1), 99.5m),
        };
        var original = Fold(history);
        original.Tags.Add("vip");

        var snapshot = JsonSerializer.Serialize(original, StateJson.Options);
        var loaded = JsonSerializer.Deserialize<CustomerProfile>(snapshot, StateJson.Options)!;

        Assert.Equal(snapshot, JsonSerializer.Serialize(loaded, StateJson.Options));
        Assert.Equal(original.RecentInteractions, loaded.RecentInteractions);
        var next = Event(EventTypes.MessageReceived, T0.AddDays(2), "when will my order arrive?");
        Assert.Equal(Fixture.DecideByDefault(original, next, 6), Fixture.DecideByDefault(loaded, next, 6));
        Assert.Equal(JsonSerializer.Serialize(original, StateJson.Options), JsonSerializer.Serialize(loaded, StateJson.Options));
    }

    [Fact]
    public void A_snapshot_written_before_the_compact_representation_still_loads()
    {
        var w = new float[168];
        w[26] = 2.5f;
        w[27] = 1f;
        var oldShape = $$$"""
            {"customerId":"c1","name":"Lin","owner":"s1","status":"Active","tier":"FirstPurchase","tags":["vip","b2b"],
             "counters":{"in":1,"out":0,"likes":0,"comments":0,"views":0,"orders":1,"refunds":0,"spend":99.5,"currency":"CNY","events":3},
             "firstSeenAt":"2025-03-03T02:00:00+00:00","lastInteractionAt":"2025-03-04T02:00:00+00:00",
             "recent":[{"eventId":"e1","type":"friend.added","at":"2025-03-03T02:00:00+00:00","channel":"wecom","staffId":"s1","text":null},
                       {"eventId":"e2","type":"message.received","at":"2025-03-03T02:05:00+00:00","channel":"wecom","staffId":"s1","text":"hi"},
                       {"eventId":"e3","type":"order.paid","at":"2025-03-04T02:00:00+00:00","channel":null,"staffId":null,"text":null}],
             "recentEventIds":["e0","e1","e2","e3"],
             "engine":{"firstAt":{"friend.added":"2025-03-03T02:00:00+00:00","message.received":"2025-03-03T02:05:00+00:00"},
                       "lastAt":{"message.received":"2025-03-03T03:05:00+00:00","friend.added":"2025-03-03T02:00:00+00:00"},
                       "activeHours":{"w":{{{JsonSerializer.Serialize(w)}}},"at":"2025-03-03T02:05:00+00:00"}},
             "seq":3}
            """;

        var loaded = JsonSerializer.Deserialize<CustomerProfile>(oldShape, StateJson.Options)!;

        Assert.Equal(["b2b", "vip"], loaded.Tags);
        Assert.Equal(["e1", "e2", "e3"], loaded.RecentInteractions.Select(i => i.EventId));
        Assert.Equal("hi", loaded.RecentInteractions[1].Text);
        Assert.True(loaded.HasSeenEvent("e3"));
        Assert.Equal(DateTimeOffset.Parse("2025-03-03T02:05:00+00:00"), loaded.Engine.FirstTime(EventTypes.MessageReceived));
        Assert.Equal(DateTimeOffset.Parse("2025-03-03T03:05:00+00:00"), loaded.Engine.LastTime(EventTypes.MessageReceived));
        Assert.Equal(3.5, loaded.Engine.ActiveHours!.Evidence);
        Assert.Equal(99.5m, loaded.Counters.Spend);
        var rewritten = JsonSerializer.Serialize(loaded, StateJson.Options);
        Assert.DoesNotContain("recentEventIds", rewritten);
        Assert.Contains($"\"w\":{JsonSerializer.Serialize(w)}", rewritten);
    }

    [Fact]
    public void Values_that_repeat_across_customers_are_held_once()
    {
        var a = JsonSerializer.Deserialize<CustomerProfile>(JsonSerializer.Serialize(Fold(Event(EventTypes.MessageReceived, T0, "a")), StateJson.Options), StateJson.Options)!;
        var b = JsonSerializer.Deserialize<CustomerProfile>(JsonSerializer.Serialize(Fold(Event(EventTypes.MessageReceived, T0, "b")), StateJson.Options), StateJson.Options)!;
        Assert.Same(a.RecentInteractions[0].Type, b.RecentInteractions[0].Type);
        Assert.Same(a.RecentInteractions[0].Channel, b.RecentInteractions[0].Channel);
    }
}
