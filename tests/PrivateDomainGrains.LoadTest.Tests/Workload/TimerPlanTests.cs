using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Tests.Workload;

public sealed class TimerPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void All_customers_fall_due_at_once_when_there_is_no_window_whenever_their_friend_added_was_sent()
    {
        var plan = TimerPlan.Create(Start, TimeSpan.FromSeconds(150), TimeSpan.Zero, customers: 1000);

        Assert.Equal(TimeSpan.FromMinutes(3), plan.Delay); // 150 s rounded up to whole minutes
        Assert.Equal(Start.AddSeconds(150), plan.FirstDue);
        Assert.Equal(plan.FirstDue, plan.LastDue);
        Assert.All(new long[] { 0, 500, 999 }, i => Assert.Equal(Start.AddSeconds(150 - 180), plan.FriendAddedAt(i)));
    }

    [Fact]
    public void A_window_spreads_due_times_evenly_and_no_friend_added_is_dated_after_the_start()
    {
        var plan = TimerPlan.Create(Start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), customers: 5);

        Assert.Equal(TimeSpan.FromMinutes(3), plan.Delay);
        Assert.Equal([0, 30, 60, 90, 120], Enumerable.Range(0, 5).Select(i => (plan.DueAt(i) - plan.FirstDue).TotalSeconds));
        Assert.Equal(Start.AddSeconds(180), plan.LastDue);
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(plan.FriendAddedAt(i) <= Start));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(plan.DueAt(i), plan.FriendAddedAt(i) + plan.Delay));
    }

    [Fact]
    public void The_playbook_is_one_valid_timer_rule_after_friend_added_unless_a_message_was_sent()
    {
        var plan = TimerPlan.Create(Start, TimeSpan.FromMinutes(17), TimeSpan.Zero, customers: 10);

        var json = plan.PlaybookJson("acme");

        Assert.Empty(PlaybookValidator.Validate(json));
        var playbook = PlaybookJson.Parse(json);
        Assert.Equal("acme", playbook.TenantId);
        var rule = Assert.Single(playbook.Rules);
        Assert.Equal((TriggerKinds.After, "friend.added", "17m", "message.sent"),
            (rule.Trigger!.Kind, rule.Trigger.Event, rule.Trigger.Delay, rule.Trigger.Unless));
        Assert.Equal(TimerPlan.NudgeKind, Assert.Single(rule.Actions).NudgeKind);
    }
}
