using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Scheduling;

public sealed class TimerTriggerTests
{
    private static readonly CompiledPlaybook Welcome = CompiledPlaybook.Compile(Playbook(
        Rule("welcome-5m", new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.FriendAdded, Delay = "5m", Unless = EventTypes.MessageSent })));

    [Fact]
    public void A_welcome_falls_due_five_minutes_after_the_friend_was_added()
    {
        var c = Customer();
        var d = Send(Welcome, c, Event(EventTypes.FriendAdded, T0));
        Assert.Empty(d.Raised);
        Assert.Equal(T0.AddMinutes(5), d.NextDueAt);

        var fired = Tick(Welcome, c, T0.AddMinutes(5));
        var nudge = Assert.Single(fired.Raised).Nudge;
        Assert.Equal(NudgeIds.For($"c1/timer:welcome-5m:{T0.UtcTicks}", "welcome-5m"), nudge.Id);
        // Nothing more is pending but the nudge's own expiry (the playbook's default, 3 days).
        Assert.Equal(T0.AddMinutes(5).AddDays(3), fired.NextDueAt);
        Assert.Empty(Tick(Welcome, c, T0.AddMinutes(6)).Raised);
    }

    [Fact]
    public void A_timer_that_fell_due_longer_ago_than_the_max_lateness_is_consumed_without_a_nudge()
    {
        var c = Customer();
        Send(Welcome, c, Event(EventTypes.FriendAdded, T0));

        var late = Tick(Welcome, c, T0.AddMinutes(5).AddDays(1).AddMinutes(1));
        Assert.Empty(late.Raised);
        Assert.Null(late.NextDueAt);
        Assert.Empty(Tick(Welcome, c, T0.AddDays(3)).Raised);
    }

    [Fact]
    public void Customers_falling_due_at_the_same_instant_get_nudges_of_their_own()
    {
        var (lin, wu) = (Customer(), Customer());
        wu.CustomerId = "c2";
        Send(Welcome, lin, Event(EventTypes.FriendAdded, T0));
        Send(Welcome, wu, Event(EventTypes.FriendAdded, T0));

        var linNudge = Assert.Single(Tick(Welcome, lin, T0.AddMinutes(5)).Raised).Nudge;
        var wuNudge = Assert.Single(Tick(Welcome, wu, T0.AddMinutes(5)).Raised).Nudge;
        Assert.NotEqual(linNudge.Id, wuNudge.Id);
    }

    [Fact]
    public void A_message_sent_in_time_cancels_the_welcome()
    {
        var c = Customer();
        Send(Welcome, c, Event(EventTypes.FriendAdded, T0));
        var d = Send(Welcome, c, Event(EventTypes.MessageSent, T0.AddMinutes(2)));
        Assert.Null(d.NextDueAt);
        Assert.Empty(Tick(Welcome, c, T0.AddMinutes(5)).Raised);
    }

    [Fact]
    public void A_second_purchase_offer_follows_the_first_order_unless_a_second_came()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("second-purchase",
            new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.OrderPaid, Anchor = "first", Delay = "3d", Unless = EventTypes.OrderPaid })));
        var once = Customer();
        Send(p, once, Order(T0, 100));
        Assert.Equal(T0.AddDays(3), DecisionEngine.NextDueAt(p, once, T0));
        Assert.Single(Tick(p, once, T0.AddDays(3)).Raised);

        var twice = Customer();
        Send(p, twice, Order(T0, 100));
        Send(p, twice, Order(T0.AddDays(1), 100));
        Assert.Null(DecisionEngine.NextDueAt(p, twice, T0.AddDays(1)));
    }

    [Fact]
    public void Thirty_days_without_interaction_re_arms_after_each_interaction()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("re-engage", new TriggerSpec { Kind = TriggerKinds.Inactive, Days = 30 })));
        var c = Customer();
        Send(p, c, Event(EventTypes.MessageReceived, T0, text: "hi"));
        Assert.Equal(T0.AddDays(30), DecisionEngine.NextDueAt(p, c, T0));
        Assert.Single(Tick(p, c, T0.AddDays(30)).Raised);
        Assert.Equal(T0.AddDays(33), DecisionEngine.NextDueAt(p, c, T0.AddDays(30))); // the nudge's expiry

        Send(p, c, Event(EventTypes.MomentLiked, T0.AddDays(40)));
        Assert.Equal(T0.AddDays(70), DecisionEngine.NextDueAt(p, c, T0.AddDays(40)));
    }

    private static readonly CompiledPlaybook Birthday = CompiledPlaybook.Compile(Playbook(
        Rule("birthday", new TriggerSpec { Kind = TriggerKinds.Annual, Field = "birthday", At = "10:00" })));

    [Fact]
    public void A_birthday_greeting_is_due_at_ten_in_the_customers_time_zone()
    {
        var c = Customer();
        c.Engine.SetField("birthday", "1990-03-05");
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 2, 0, 0, TimeSpan.Zero), DecisionEngine.NextDueAt(Birthday, c, T0));

        c.Engine.SetField("timeZone", "America/New_York");
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 15, 0, 0, TimeSpan.Zero), DecisionEngine.NextDueAt(Birthday, c, T0));
    }

    [Fact]
    public void A_birthday_fires_once_a_year()
    {
        var c = Customer();
        c.Engine.SetField("birthday", "03-05");
        var due = new DateTimeOffset(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);
        Assert.Single(Tick(Birthday, c, due.AddMinutes(1)).Raised);
        Assert.Empty(Tick(Birthday, c, due.AddHours(2)).Raised);
        Assert.Single(Tick(Birthday, c, due.AddMinutes(1).AddDays(3)).Closed); // the greeting expired unanswered
        Assert.Equal(due.AddYears(1), DecisionEngine.NextDueAt(Birthday, c, due.AddDays(4)));
    }

    [Fact]
    public void A_birthday_missed_by_more_than_a_day_waits_for_next_year()
    {
        var c = Customer();
        c.Engine.SetField("birthday", "03-01");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), DecisionEngine.NextDueAt(Birthday, c, T0));
    }

    [Fact]
    public void A_leap_day_birthday_is_celebrated_on_february_28_in_common_years()
    {
        var c = Customer();
        c.Engine.SetField("birthday", "2000-02-29");
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 2, 0, 0, TimeSpan.Zero), DecisionEngine.NextDueAt(Birthday, c, T0));
    }

    [Fact]
    public void A_local_time_skipped_by_daylight_saving_moves_past_the_gap()
    {
        var p = CompiledPlaybook.Compile(Playbook(Rule("early", new TriggerSpec { Kind = TriggerKinds.Annual, Field = "birthday", At = "02:30" })));
        var c = Customer();
        c.Engine.SetField("timeZone", "America/New_York");
        c.Engine.SetField("birthday", "03-09");
        // 2025-03-09 02:30 does not exist in New York; 03:00 EDT is 07:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 7, 0, 0, TimeSpan.Zero), DecisionEngine.NextDueAt(p, c, T0));
    }
}
