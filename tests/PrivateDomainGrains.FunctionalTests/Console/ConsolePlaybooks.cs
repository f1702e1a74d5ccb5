namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>Playbooks that give the console's cards everything they can show: scripts to copy and alternatives to explain.</summary>
public static class ConsolePlaybooks
{
    /// <summary>
    /// Welcome and reply with suggested scripts (reactive, so no cap or quiet hours delays them), a lost-friend alert,
    /// and a paused second-purchase offer on every message, which the reply's explanation lists as an alternative.
    /// </summary>
    public const string WithScripts = """
        {
          "timeZone": "Asia/Shanghai",
          "rules": [
            { "id": "welcome", "priority": 70, "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "proactive": false,
                "title": "欢迎 {name}", "script": "{name} 刚加了你为好友：发一条热情的欢迎语，问问是什么让 TA 来到这里。",
                "suggested": "{name}您好！我是您的专属护肤顾问小爱，很高兴认识您～平时有任何护肤问题都可以随时问我。",
                "reason": "{eventAt} friend.added：新好友最好在几分钟内欢迎" } ] },
            { "id": "reply", "priority": 80, "trigger": { "kind": "event", "event": "message.received" },
              "actions": [ { "kind": "nudge", "nudgeKind": "reply", "proactive": false,
                "title": "回复 {name}", "script": "{name} 发来消息：「{lastMessage}」请尽快回复。",
                "suggested": "您好，油皮的话推荐我们的控油粉底液，轻薄持久不闷痘，今天下单还送同款小样哦～",
                "reason": "{eventAt} message.received，还没有回复" } ] },
            { "id": "customer-lost", "priority": 90, "trigger": { "kind": "event", "event": "friend.deleted" },
              "actions": [ { "kind": "nudge", "nudgeKind": "customer-lost", "proactive": false,
                "title": "{name} 删除了你", "script": "回顾最近的聊天记录，看看可能的原因。", "reason": "{eventAt} friend.deleted：客户流失" } ] },
            { "id": "second-purchase", "priority": 60, "lever": 0, "trigger": { "kind": "event", "event": "message.received" },
              "actions": [ { "kind": "nudge", "nudgeKind": "offer", "title": "推荐复购", "script": "推荐次卡。", "reason": "复购窗口" } ] }
          ]
        }
        """;
}
