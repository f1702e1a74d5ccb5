using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Core.Time;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Playbooks;

/// <summary>
/// A playbook that validates always compiles and runs: inputs past the bounds are refused with the path of the field,
/// and playbooks at the bounds, fed events at the ends of the accepted time range, never make a decision throw.
/// </summary>
public sealed class PlaybookBoundsTests
{
    private static IEnumerable<string> ErrorsOf(string json) => PlaybookValidator.Validate(json).Select(e => e.Path);

    private static string WithRule(string trigger) =>
        $$"""{"tenantId":"t1","rules":[{"id":"r","trigger":{{trigger}},"actions":[{"kind":"nudge","nudgeKind":"k","title":"t","script":"s"}]}]}""";

    [Theory]
    [InlineData("""{"kind":"inactive","days":2147483647}""", "$.rules[0].trigger.days")]
    [InlineData("""{"kind":"inactive","days":3651}""", "$.rules[0].trigger.days")]
    [InlineData("""{"kind":"after","event":"friend.added","delay":"9999999d"}""", "$.rules[0].trigger.delay")]
    [InlineData("""{"kind":"after","event":"friend.added","delay":"9999999w"}""", "$.rules[0].trigger.delay")]
    [InlineData("""{"kind":"after","event":"friend.added","delay":"522w"}""", "$.rules[0].trigger.delay")]
    public void Day_counts_and_durations_beyond_ten_years_are_refused(string trigger, string path) =>
        Assert.Equal([path], ErrorsOf(WithRule(trigger)));

    [Theory]
    [InlineData("""{"kind":"inactive","days":3650}""")]
    [InlineData("""{"kind":"after","event":"friend.added","delay":"3650d"}""")]
    [InlineData("""{"kind":"after","event":"friend.added","delay":"521w"}""")]
    [InlineData("""{"kind":"after","event":"friend.added","delay":"0m"}""")]
    public void Ten_years_is_accepted(string trigger) => Assert.Empty(ErrorsOf(WithRule(trigger)));

    [Theory]
    [InlineData("America")]
    [InlineData("Etc")]
    [InlineData("../../etc/passwd")]
    [InlineData("Asia//Shanghai")]
    [InlineData("")]
    public void Time_zones_that_name_no_zone_are_refused(string zone) =>
        Assert.Equal(["$.timeZone"], ErrorsOf($$"""{"tenantId":"t1","timeZone":"{{zone}}"}"""));

    [Theory]
    [InlineData("x\\u0000y")]
    [InlineData("a\\ud800b")]
    public void A_string_that_cannot_be_stored_is_refused_wherever_it_is(string escaped)
    {
        var json = $$"""
            {"tenantId":"t1","keywords":[{"keyword":"k{{escaped}}","tag":"t"}],
             "rules":[{"id":"r","description":"d{{escaped}}","trigger":{"kind":"event","event":"friend.added"},
               "actions":[{"kind":"nudge","nudgeKind":"k","title":"t{{escaped}}","script":"s"}]}]}
            """;
        var paths = ErrorsOf(json).ToList();
        if (escaped.Contains("ud800")) Assert.Equal(["$.keywords[0].keyword"], paths); // the JSON reader stops at the first
        else Assert.Equal(["$.rules[0].description", "$.rules[0].actions[0].title", "$.keywords[0].keyword"], paths);
    }

    [Fact]
    public void Counts_scores_and_caps_are_bounded()
    {
        var p = Playbook(Rule("r", OnEvent(EventTypes.PageViewed)));
        p.Rules[0].Value = 1e7;
        p.Rules[0].Lever = double.PositiveInfinity;
        p.ContactPolicy.Caps = [new ContactCapSpec { Max = 100_000, Window = "1d" }];
        p.ContactPolicy.MaxOpenNudgesPerStaff = int.MaxValue;
        p.Tiers = new TierSpec { DormantAfterDays = 100_000, SuperUser = new SuperUserSpec { MinSpend = decimal.MaxValue } };
        Assert.Equal(
            ["$.rules[0].value", "$.rules[0].lever", "$.tiers.dormantAfterDays", "$.tiers.superUser.minSpend",
             "$.contactPolicy.caps[0].max", "$.contactPolicy.maxOpenNudgesPerStaff"],
            PlaybookValidator.Validate(p).Select(e => e.Path));
    }

    private static RuleSpec Nudges(string id, TriggerSpec trigger, int nudges) =>
        Rule(id, trigger, [.. Enumerable.Range(0, nudges).Select(i => Nudge("k" + i))]);

    [Fact]
    public void A_trigger_whose_rules_raise_more_nudges_together_than_the_bound_is_refused_at_the_rule_that_passes_it()
    {
        var tagged = new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "vip" };
        var p = Playbook(
            Nudges("r0", OnEvent(EventTypes.PageViewed), 15),
            Nudges("r1", OnEvent(EventTypes.MessageReceived), 15),
            Nudges("r2", OnEvent(EventTypes.PageViewed), PlaybookValidator.MaxNudgesPerTrigger - 15),
            Nudges("r3", OnEvent(EventTypes.PageViewed), 1),
            Nudges("r4", tagged, PlaybookValidator.MaxNudgesPerTrigger),
            Rule("r5", OnEvent(EventTypes.PageViewed), new ActionSpec { Kind = ActionKinds.AddTag, Tag = "seen" }),
            Nudges("r6", OnEvent(EventTypes.PageViewed), 2));

        var errors = PlaybookValidator.Validate(p, sentNow: true);

        Assert.Equal(["$.rules[3].actions", "$.rules[6].actions"], errors.Select(e => e.Path));
        Assert.Contains($"at most {PlaybookValidator.MaxNudgesPerTrigger} nudges together", errors[0].Message);
        Assert.EndsWith("with this rule's 2 they would raise 23", errors[1].Message);
        // One stored before the bound still compiles; each decision on it is bounded instead (DecisionBoundsTests).
        Assert.Empty(PlaybookValidator.Validate(p));
    }

    [Fact]
    public void A_trigger_at_the_nudge_bound_is_accepted()
    {
        var p = Playbook(
            Nudges("r0", OnEvent(EventTypes.PageViewed), PlaybookValidator.MaxActions),
            Nudges("r1", new TriggerSpec { Kind = TriggerKinds.Inactive, Days = 7 }, PlaybookValidator.MaxNudgesPerTrigger),
            Nudges("r2", new TriggerSpec { Kind = TriggerKinds.Inactive, Days = 30 }, PlaybookValidator.MaxNudgesPerTrigger));

        Assert.Empty(PlaybookValidator.Validate(p, sentNow: true));
    }

    /// <summary>Values at and just inside every bound.</summary>
    private static class AtBounds
    {
        public static readonly string[] Durations = ["0m", "1m", "3650d", "521w", "87600h", "5256000m"];
        public static readonly int[] Days = [1, PlaybookValidator.MaxDays];
        public static readonly double[] Values = [double.Epsilon, 1, PlaybookValidator.MaxScore];
        public static readonly double[] Levers = [0, 1, PlaybookValidator.MaxScore];
        public static readonly int[] CapMax = [0, 1, PlaybookValidator.MaxCapCount];
        public static readonly string[] Zones = ["UTC", "Asia/Shanghai", "Pacific/Kiritimati", "America/St_Johns"];
    }

    private static Gen<TriggerSpec> Triggers() => Gen.OneOf(
        Gen.Elements(EventTypes.Known.ToArray()).Select(e => new TriggerSpec { Kind = TriggerKinds.Event, Event = e }),
        Gen.Elements(AtBounds.Durations).Zip(Gen.Elements("first", "latest")).Select(x =>
            new TriggerSpec { Kind = TriggerKinds.After, Event = EventTypes.FriendAdded, Delay = x.Item1, Anchor = x.Item2, Unless = EventTypes.MessageSent }),
        Gen.Elements(AtBounds.Days).Select(d => new TriggerSpec { Kind = TriggerKinds.Inactive, Days = d }),
        Gen.Elements("00:00", "23:59").Select(at => new TriggerSpec { Kind = TriggerKinds.Annual, Field = "birthday", At = at }),
        Gen.Constant(new TriggerSpec { Kind = TriggerKinds.TierChanged }));

    private static Gen<Playbook> Playbooks() =>
        from triggers in Gen.ListOf(Triggers()).Select(t => t.Take(12).ToList())
        from value in Gen.Elements(AtBounds.Values)
        from lever in Gen.Elements(AtBounds.Levers)
        from delay in Gen.Elements(AtBounds.Durations)
        from days in Gen.Elements(AtBounds.Days)
        from capMax in Gen.Elements(AtBounds.CapMax)
        from window in Gen.Elements(AtBounds.Durations.Where(d => d != "0m").ToArray())
        from zone in Gen.Elements(AtBounds.Zones)
        select Build(triggers, value, lever, delay, days, capMax, window, zone);

    private static Playbook Build(List<TriggerSpec> triggers, double value, double lever, string delay, int days, int capMax, string window, string zone)
    {
        var p = Playbook([.. triggers.Select((t, i) => new RuleSpec
        {
            Id = "r" + i,
            Trigger = t,
            Value = value,
            Lever = lever,
            Priority = i % 2 == 0 ? 0 : 100,
            Conditions = [new ConditionSpec { Kind = ConditionKinds.SinceLastOrder, Op = "<", Duration = delay }],
            Actions =
            [
                Nudge("k" + i, proactive: i % 2 == 0, title: "{name} {lastMessage} {spend}", script: "{data.amount} {field.birthday}"),
                new ActionSpec { Kind = ActionKinds.SetField, Field = "birthday", Value = "12-31" },
                new ActionSpec { Kind = ActionKinds.StartSequence, Sequence = "sop" },
            ],
        })]);
        p.TimeZone = zone;
        p.Sequences = [new SequenceSpec { Id = "sop", Steps = [new StepSpec { Id = "a", Delay = "0m", Nudge = Nudge("a") }, new StepSpec { Id = "b", Delay = delay, Nudge = Nudge("b") }] }];
        p.Tiers = new TierSpec { DormantAfterDays = days, SuperUser = new SuperUserSpec { MaxDaysSinceOrder = days, MinSpend = EventValidator.MaxAmount } };
        p.ContactPolicy = new ContactPolicySpec
        {
            Caps = [new ContactCapSpec { Max = capMax, Window = window }],
            QuietHours = new QuietHoursSpec { Start = "23:59", End = "00:00" },
            RetryAfter = window,
            AttributionWindow = window,
            BestTimeHalfLife = window,
            MaxLateness = window,
            SuppressAfterDismissals = 1,
            MaxOpenNudgesPerStaff = 1,
        };
        return p;
    }

    [Property(MaxTest = 150)]
    public Property A_playbook_at_the_bounds_validates_compiles_and_decides_on_events_at_the_ends_of_time()
    {
        var latest = DateTimeOffset.UtcNow.Add(EventValidator.DefaultMaxFutureSkew);
        DateTimeOffset[] times = [EventValidator.Earliest, latest.AddYears(-20), latest];
        return Prop.ForAll(Playbooks().ToArbitrary(), p =>
        {
            Assert.Empty(PlaybookValidator.Validate(p));
            var compiled = CompiledPlaybook.Compile(p);
            var model = new PropensityModel();
            var c = Customer();
            var seq = 0;
            foreach (var at in times)
            {
                foreach (var type in EventTypes.Known)
                {
                    var data = type is EventTypes.OrderPaid or EventTypes.OrderRefunded
                        ? new Dictionary<string, string> { ["orderId"] = "o" + seq, ["amount"] = EventValidator.MaxAmount.ToString() }
                        : null;
                    var e = new CustomerEvent("e" + ++seq, "c1", type, at, "wecom", "s1", new string('油', EventValidator.MaxTextLength), data);
                    Assert.Empty(EventValidator.Validate(e, latest));
                    var d = DecisionEngine.Decide(compiled, c, EngineInput.FromEvent(e, seq), new DecisionContext(at) { Model = model, Random = new SeededRandom(seq) });
                    foreach (var nudge in d.Raised) Assert.Null(StorableText.Problem(nudge.Nudge.Text));
                    if (d.Chosen is { } chosen)
                        DecisionEngine.Decide(compiled, c, EngineInput.FromOutcome(chosen.Nudge.Id, NudgeOutcome.Dismissed), new DecisionContext(at));
                }
                // Wake the customer at each due time, as the scheduler would, then once far beyond every bound.
                for (var wake = 0; wake < 20 && DecisionEngine.NextDueAt(compiled, c, at) is { } due && due <= latest; wake++)
                    Tick(compiled, c, due);
            }
            Tick(compiled, c, DateTimeOffset.MaxValue);
            return true;
        });
    }
}
