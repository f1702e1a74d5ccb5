using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// The playbook every tenant starts with: the spine behaviour as rules. Welcome new friends, answer inbound messages,
/// alert on lost friends; order counters and the lost status are kept by the event fold itself. Rule ids equal the
/// nudge kinds so nudge ids are exactly those of the spine's original hand-written rules (a test keeps them as the
/// oracle). These nudges answer the customer or alert staff, so they are reactive: contact caps and quiet hours
/// never delay them. Each goes to the staff member the event names (the one the customer added, wrote to or
/// deleted; WeCom lets several follow one customer), the owner when it names no one.
/// </summary>
public static class DefaultPlaybook
{
    public const string TenantId = "default";

    public static Playbook Create(string tenantId = TenantId) => new()
    {
        TenantId = tenantId,
        Rules =
        [
            Rule(NudgeKinds.Welcome, EventTypes.FriendAdded, 70,
                "Welcome {name}",
                "{name} just added you{via}: send a warm welcome message and ask what brought them here.",
                "friend.added at {eventAt}: new friends should be welcomed within minutes"),
            Rule(NudgeKinds.Reply, EventTypes.MessageReceived, 80,
                "Reply to {name}",
                "{name} wrote{via}: \"{lastMessage}\". Reply now.",
                "message.received at {eventAt} is unanswered"),
            Rule(NudgeKinds.CustomerLost, EventTypes.FriendDeleted, 90,
                "{name} deleted you",
                "{name} removed you as a friend{via}. Review the recent conversation to learn why.",
                "friend.deleted at {eventAt}: the customer is lost"),
        ],
    };

    private static RuleSpec Rule(string kind, string eventType, int priority, string title, string script, string reason) => new()
    {
        Id = kind,
        Trigger = new TriggerSpec { Kind = TriggerKinds.Event, Event = eventType },
        Priority = priority,
        Actions =
        [
            new ActionSpec
            {
                Kind = ActionKinds.Nudge, NudgeKind = kind, Title = title, Script = script, Reason = reason, Proactive = false,
                To = NudgeAddressees.Staff,
                // A welcome or a reply is done once its staff member writes to the customer, from the console or their
                // phone; a lost alert once the customer adds them back.
                DoneOn = kind is NudgeKinds.Welcome or NudgeKinds.Reply ? [EventTypes.MessageSent] : [EventTypes.FriendAdded],
            },
        ],
    };
}
