using System.Text;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks;

/// <summary>A large tenant: 5,000 Chinese and English keywords and 200 rules over every trigger kind.</summary>
public static class TenantCorpus
{
    private const string Hanzi = "油皮干敏感痘肌美白补水保湿价格多少钱退款发货快递会员积分优惠活动套餐次卡面膜精华乳液防晒";

    public static List<KeywordSpec> Keywords(int count)
    {
        var random = new Random(7);
        var list = new List<KeywordSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var keyword = i % 2 == 0
                ? new string([.. Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Hanzi[random.Next(Hanzi.Length)])])
                : $"kw{i}{(char)('a' + random.Next(26))}";
            list.Add(new KeywordSpec { Keyword = keyword, Tag = "tag-" + i % 700 });
        }
        return list;
    }

    /// <summary>A 500-character chat message mixing both languages, with a few keyword hits.</summary>
    public static string Message()
    {
        var random = new Random(11);
        var sb = new StringBuilder();
        while (sb.Length < 500)
        {
            sb.Append(random.Next(4) switch
            {
                0 => "hello, how much is the serum? ",
                1 => Hanzi[random.Next(Hanzi.Length)],
                2 => "我想问一下这个",
                _ => "ＰＲＩＣＥ kw13q ",
            });
        }
        return sb.ToString(0, 500);
    }

    public static Playbook Playbook(int rules, int keywords)
    {
        var p = new Playbook { TenantId = "bench", TimeZone = "Asia/Shanghai", Keywords = Keywords(keywords) };
        p.ContactPolicy.Caps = [new ContactCapSpec { Max = 2, Window = "24h" }, new ContactCapSpec { Max = 5, Window = "7d" }];
        p.ContactPolicy.QuietHours = new QuietHoursSpec { Start = "22:00", End = "08:00" };
        p.Sequences.Add(new SequenceSpec
        {
            Id = "onboarding",
            ExitOn = [EventTypes.OrderPaid],
            Steps = [new StepSpec { Id = "d0", Delay = "0m", Nudge = Nudge("welcome") }, new StepSpec { Id = "d3", Delay = "3d", Nudge = Nudge("offer") }],
        });
        string[] events = [EventTypes.MessageReceived, EventTypes.FriendAdded, EventTypes.OrderPaid, EventTypes.MomentLiked, EventTypes.PageViewed, "x.coupon.claimed"];
        for (var i = 0; i < rules; i++)
        {
            var trigger = (i % 10) switch
            {
                0 => new TriggerSpec { Kind = TriggerKinds.After, Event = events[i % events.Length], Delay = $"{1 + i % 5}d", Unless = EventTypes.MessageSent },
                1 => new TriggerSpec { Kind = TriggerKinds.Inactive, Days = 7 + i % 30 },
                2 => new TriggerSpec { Kind = TriggerKinds.TagAdded, Tag = "tag-" + i },
                3 => new TriggerSpec { Kind = TriggerKinds.Annual, Field = "birthday", At = "10:00" },
                _ => new TriggerSpec { Kind = TriggerKinds.Event, Event = events[i % events.Length] },
            };
            p.Rules.Add(new RuleSpec
            {
                Id = "r" + i,
                Trigger = trigger,
                Priority = i % 100,
                Value = 1 + i % 7,
                Conditions =
                [
                    new ConditionSpec { Kind = ConditionKinds.Tags, None = ["blocked"] },
                    new ConditionSpec { Kind = ConditionKinds.Counter, Counter = "orders", Op = ">=", Value = i % 3 },
                ],
                Actions = [Nudge("k" + i % 12, proactive: i % 4 != 0)],
            });
        }
        return p;
    }

    private static ActionSpec Nudge(string kind, bool proactive = true) => new()
    {
        Kind = ActionKinds.Nudge, NudgeKind = kind, Title = "Talk to {name}", Script = "{name} ({tier}) said \"{lastMessage}\"", Proactive = proactive,
    };
}
