using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Policy;
using static PrivateDomainGrains.Core.Tests.Fixture;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Tests.Policy;

public sealed class ContactPolicyTests
{
    /// <summary>A proactive nudge for every tag "poke-N" added by staff.</summary>
    private static CompiledPlaybook Poking(ContactPolicySpec policy, int rules = 3)
    {
        var p = Playbook([.. Enumerable.Range(0, rules).Select(i =>
            Rule("poke-" + i, new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "poke-" + i }))]);
        p.ContactPolicy = policy;
        return CompiledPlaybook.Compile(p);
    }

    /// <summary>Staff add the tag "poke-N". The engine's rest rule is off: these specify the tenant's contact policy alone.</summary>
    private static Decision Poke(CompiledPlaybook p, CustomerProfile c, int rule, DateTimeOffset at, int openNudges = 0)
    {
        c.Tags.Remove("poke-" + rule);
        return Decide(p, c, EngineInput.FromTag("poke-" + rule, true, at), at, openNudges, letCustomersRest: false);
    }

    [Fact]
    public void A_third_touch_in_24_hours_is_held_until_the_oldest_leaves_the_window()
    {
        var p = Poking(new ContactPolicySpec { Caps = [new ContactCapSpec { Max = 2, Window = "24h" }] });
        var c = Customer();
        Poke(p, c, 0, T0);
        Poke(p, c, 1, T0.AddHours(1));
        var held = Assert.Single(Poke(p, c, 2, T0.AddHours(2)).Candidates);
        Assert.Equal((Verdict.Held, T0.AddHours(24), "cap 2 per 1.00:00:00"), (held.Verdict, held.HoldUntil!.Value, held.Policy));

        var released = Decide(p, c, EngineInput.Timer, T0.AddHours(24), letCustomersRest: false);
        Assert.Equal(held.Nudge.Id, Assert.Single(released.Raised).Nudge.Id);
    }

    [Fact]
    public void Quiet_hours_hold_a_nudge_until_the_window_opens_in_the_customers_zone()
    {
        var p = Poking(new ContactPolicySpec { QuietHours = new QuietHoursSpec { Start = "21:00", End = "09:00" } });
        var c = Customer();
        var lateEvening = new DateTimeOffset(2025, 3, 3, 14, 30, 0, TimeSpan.Zero); // 22:30 Shanghai
        var d = Poke(p, c, 0, lateEvening);
        var nineAm = new DateTimeOffset(2025, 3, 4, 1, 0, 0, TimeSpan.Zero);
        Assert.Equal((Verdict.Held, nineAm), (d.Candidates[0].Verdict, d.Candidates[0].HoldUntil!.Value));
        Assert.Equal(nineAm, d.NextDueAt);
        Assert.Single(Tick(p, c, nineAm).Raised);
    }

    [Fact]
    public void Reactive_nudges_are_never_held()
    {
        var p = CompiledPlaybook.Compile(new Playbook
        {
            TenantId = "t1",
            Rules = DefaultPlaybook.Create().Rules,
            ContactPolicy = new ContactPolicySpec { Caps = [new ContactCapSpec { Max = 0, Window = "1d" }], QuietHours = new() { Start = "00:00", End = "23:59" } },
        });
        Assert.Single(Send(p, Customer(), Event("message.received", T0, text: "hi")).Raised);
    }

    [Fact]
    public void A_rule_dismissed_n_times_stops_nudging_this_customer()
    {
        var p = Poking(new ContactPolicySpec { SuppressAfterDismissals = 2 });
        var c = Customer();
        for (var i = 0; i < 2; i++)
        {
            var id = Poke(p, c, 0, T0.AddDays(i)).Raised.Single().Nudge.Id;
            var outcome = Decide(p, c, EngineInput.FromOutcome(id, NudgeOutcome.Dismissed), T0.AddDays(i).AddMinutes(1));
            Assert.Equal(new LearningSignal("poke-0", "Prospect", NudgeOutcome.Dismissed, id), Assert.Single(outcome.Signals));
        }
        var suppressed = Poke(p, c, 0, T0.AddDays(3)).Candidates.Single();
        Assert.Equal((Verdict.Suppressed, "dismissed 2 times"), (suppressed.Verdict, suppressed.Policy));
    }

    [Fact]
    public void An_owner_at_the_open_nudge_cap_gets_proactive_nudges_later()
    {
        var p = Poking(new ContactPolicySpec { MaxOpenNudgesPerStaff = 20, RetryAfter = "2h" });
        var held = Poke(p, Customer(), 0, T0, openNudges: 20).Candidates.Single();
        Assert.Equal((Verdict.Held, T0.AddHours(2)), (held.Verdict, held.HoldUntil!.Value));
    }

    [Fact]
    public void A_channel_cap_only_counts_touches_on_that_channel()
    {
        var cap = new ContactCap(1, TimeSpan.FromDays(1), "sms");
        Touch[] touches = [new(T0, "wecom"), new(T0.AddHours(1), "sms")];
        Assert.Equal(1, ContactScheduler.Count(cap, touches, T0.AddHours(2)));
    }

    [Property(MaxTest = 100)]
    public Property Caps_are_never_exceeded_and_quiet_hours_never_violated()
    {
        var gaps = Gen.ListOf(Gen.Choose(0, 600).Zip(Gen.Choose(0, 2)));
        return Prop.ForAll(gaps.ToArbitrary(), steps =>
        {
            var p = Poking(new ContactPolicySpec
            {
                Caps = [new ContactCapSpec { Max = 2, Window = "24h" }, new ContactCapSpec { Max = 5, Window = "7d" }],
                QuietHours = new QuietHoursSpec { Start = "21:30", End = "08:15" },
                RetryAfter = "1h",
            });
            var c = Customer();
            var now = T0;
            var raised = new List<DateTimeOffset>();
            foreach (var (minutes, rule) in steps)
            {
                // The grain wakes the customer at every due time before the next event.
                var next = now.AddMinutes(minutes);
                while (DecisionEngine.NextDueAt(p, c, now) is { } due && due <= next)
                {
                    now = due;
                    raised.AddRange(Decide(p, c, EngineInput.Timer, now, letCustomersRest: false).Raised.Select(_ => due));
                }
                now = next;
                raised.AddRange(Poke(p, c, rule, now).Raised.Select(_ => next));
            }
            TimeZones.TryFind("Asia/Shanghai", out var zone);
            var quiet = new QuietHours(new TimeOnly(21, 30), new TimeOnly(8, 15));
            return raised.All(t => !quiet.Contains(t, zone))
                && raised.All(t => raised.Count(r => r > t - TimeSpan.FromDays(1) && r <= t) <= 2)
                && raised.All(t => raised.Count(r => r > t - TimeSpan.FromDays(7) && r <= t) <= 5);
        });
    }
}
