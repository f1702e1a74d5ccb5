using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Tests.Workload;

public sealed class EventGeneratorTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PostedEvent[] Generate(int seed, int count, EventMix? mix = null, bool eachCustomerOnce = false, int customers = 100)
    {
        var generator = new EventGenerator(seed, customers, new StaffRoster(7), mix ?? EventMix.Default, eachCustomerOnce);
        return Enumerable.Range(0, count).Select(i => generator.Next(i, At.AddMilliseconds(i))).ToArray();
    }

    private static string Fingerprint(PostedEvent e) =>
        $"{e.Id}|{e.CustomerId}|{e.Type}|{e.StaffId}|{e.Text}|{string.Join(",", e.Data ?? new Dictionary<string, string>())}";

    [Fact]
    public void The_same_seed_gives_the_same_sequence() =>
        Assert.Equal(Generate(42, 2000).Select(Fingerprint), Generate(42, 2000).Select(Fingerprint));

    [Fact]
    public void Another_seed_gives_another_sequence() =>
        Assert.NotEqual(Generate(1, 200).Select(e => e.CustomerId + e.Type), Generate(2, 200).Select(e => e.CustomerId + e.Type));

    [Fact]
    public void Ids_are_unique_valid_and_carry_the_seed()
    {
        var events = Generate(5, 5000);
        Assert.Equal(events.Length, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Matches("^[A-Za-z0-9_.:@-]{1,128}$", e.Id));
        Assert.All(events, e => Assert.StartsWith("s5-e", e.Id));
    }

    [Fact]
    public void Types_follow_the_mix_weights()
    {
        var events = Generate(3, 20_000, EventMix.Parse("message.received=3,page.viewed=1"));
        var share = events.Count(e => e.Type == "message.received") / (double)events.Length;
        Assert.InRange(share, 0.73, 0.77);
    }

    [Fact]
    public void Staff_events_name_the_round_robin_owner_and_orders_carry_valid_data()
    {
        var roster = new StaffRoster(7);
        foreach (var e in Generate(9, 3000))
        {
            var customer = long.Parse(e.CustomerId!["c-".Length..]);
            if (e.Type is "friend.added" or "friend.deleted" or "message.received" or "message.sent" or "moment.liked" or "moment.commented")
                Assert.Equal(roster.OwnerOf(customer), e.StaffId);
            if (e.Type is "message.received") Assert.False(string.IsNullOrEmpty(e.Text));
            if (e.Type is "order.paid" or "order.refunded")
            {
                Assert.Matches("^[a-z]-[0-9]+$", e.Data!["orderId"]);
                Assert.Matches(@"^[0-9]+\.[0-9]{2}$", e.Data["amount"]);
                Assert.Equal("CNY", e.Data["currency"]);
            }
        }
    }

    [Fact]
    public void Activation_visits_each_customer_once_in_order()
    {
        var events = Generate(1, 10, EventMix.PageViewsOnly, eachCustomerOnce: true, customers: 10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"c-{i}"), events.Select(e => e.CustomerId));
        Assert.All(events, e => Assert.Equal("page.viewed", e.Type));
    }

    [Fact]
    public void Events_must_be_generated_in_order()
    {
        var generator = new EventGenerator(1, 10, new StaffRoster(1), EventMix.Default, false);
        generator.Next(0, At);
        Assert.Throws<ArgumentException>(() => generator.Next(2, At));
    }

    [Fact]
    public void Provisioning_gives_each_customer_its_owner_under_a_stable_id()
    {
        var roster = new StaffRoster(3);
        var e = EventGenerator.ProvisioningEvent(4, roster, At);
        Assert.Equal(("p-c-4", "c-4", "friend.added", "staff-1"), (e.Id, e.CustomerId, e.Type, e.StaffId));
    }

    [Fact]
    public void Consoles_are_spread_round_robin_over_staff()
    {
        var roster = new StaffRoster(3);
        Assert.Equal(["staff-0", "staff-1", "staff-2", "staff-0"], Enumerable.Range(0, 4).Select(roster.StaffOfConsole));
        Assert.Equal(["staff-0", "staff-1"], roster.StaffWithConsoles(2).Order());
        Assert.Equal(3, roster.StaffWithConsoles(10).Count);
    }
}
