using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Playbooks;

public sealed class DefaultPlaybookTests
{
    [Fact]
    public void Reply_nudge_quotes_the_inbound_message()
    {
        var c = Fixture.Customer();
        var e = Fixture.Event(EventTypes.MessageReceived, Fixture.T0, text: "  Is the serum good for oily skin?  ");
        var nudge = Assert.Single(Fixture.DecideByDefault(c, e, 1));
        Assert.Equal("Reply to Lin", nudge.Title);
        Assert.Equal("Lin wrote via wecom: \"Is the serum good for oily skin?\". Reply now.", nudge.Text);
        Assert.Equal(NudgeIds.For(e.Id, NudgeKinds.Reply), nudge.Id);
        Assert.Equal(nudge.Id, c.NextBestAction?.NudgeId);
    }

    [Fact]
    public void A_deleted_friend_is_marked_lost_and_the_owner_alerted()
    {
        var c = Fixture.Customer();
        var nudge = Assert.Single(Fixture.DecideByDefault(c, Fixture.Event(EventTypes.FriendDeleted, Fixture.T0), 1));
        Assert.Equal(NudgeKinds.CustomerLost, nudge.Kind);
        Assert.Equal(CustomerStatus.Lost, c.Status);
    }

    [Fact]
    public void Paid_orders_count_and_move_the_tier()
    {
        var c = Fixture.Customer();
        Assert.Empty(Fixture.DecideByDefault(c, Fixture.Order(Fixture.T0, 99.5m), 1));
        Fixture.DecideByDefault(c, Fixture.Order(Fixture.T0.AddDays(1), 100m), 2);
        Assert.Equal((2, 199.5m, CustomerTier.Repeat, 2L), (c.Counters.Orders, c.Counters.Spend, c.Tier, c.JournalSequence));
    }

    [Fact]
    public void A_customer_without_owner_gets_only_the_reply_for_the_unassigned_queue()
    {
        var c = new CustomerProfile { CustomerId = "c1" };
        var reply = Assert.Single(Fixture.DecideByDefault(c, Fixture.Event(EventTypes.MessageReceived, Fixture.T0, text: "hi"), 1));
        Assert.Equal(NudgeKinds.Reply, reply.Kind);
    }

    [Fact]
    public void A_staff_message_settles_a_pending_reply()
    {
        var c = Fixture.Customer();
        Fixture.DecideByDefault(c, Fixture.Event(EventTypes.MessageReceived, Fixture.T0, text: "hi"), 1);
        Fixture.DecideByDefault(c, Fixture.Event(EventTypes.MessageSent, Fixture.T0.AddMinutes(1), text: "hello"), 2);
        Assert.Null(c.NextBestAction);
    }

    [Property(MaxTest = 200)]
    public Property The_default_playbook_raises_exactly_what_the_spine_rules_raised()
    {
        var types = Gen.Elements(EventTypes.Known.ToArray());
        var texts = Gen.Elements<string?>(null, "", "hi", new string('x', 200), "多少钱");
        var channels = Gen.Elements<string?>(null, "wecom", "douyin");
        var events = Gen.ListOf(types.Zip(texts).Zip(channels));
        return Prop.ForAll(events.ToArbitrary(), list =>
        {
            var engine = Fixture.Customer();
            var spine = Fixture.Customer();
            var at = Fixture.T0;
            foreach (var ((type, text), channel) in list)
            {
                at = at.AddMinutes(7);
                var e = Fixture.Event(type, at, text, channel);
                var actual = Fixture.DecideByDefault(engine, e, 0);
                spine.Record(new Interaction(e.Id, e.Type, e.At, e.Channel, e.StaffId, e.Text));
                var expected = SpineRules.Decide(spine, e).ToList();
                if (!actual.SequenceEqual(expected)) return false;
            }
            return true;
        });
    }
}
