using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;

namespace PrivateDomainGrains.Core.Tests.Playbooks;

/// <summary>
/// The spine's hand-written rules (welcome new friends, answer inbound messages, alert on lost friends), kept as the
/// oracle that <see cref="PrivateDomainGrains.Core.Playbooks.DefaultPlaybook"/> must reproduce exactly.
/// </summary>
internal static class SpineRules
{
    public const int QuoteLength = 120;

    public static IEnumerable<NudgeDraft> Decide(CustomerProfile customer, CustomerEvent e)
    {
        var name = customer.DisplayName ?? customer.CustomerId;
        var via = e.Channel is null ? "" : $" via {e.Channel}";
        switch (e.Type)
        {
            case EventTypes.FriendAdded:
                yield return new NudgeDraft(NudgeIds.For(e.Id, NudgeKinds.Welcome), NudgeKinds.Welcome,
                    $"Welcome {name}",
                    $"{name} just added you{via}: send a warm welcome message and ask what brought them here.",
                    $"friend.added at {e.At:u}: new friends should be welcomed within minutes", Priority: 70);
                break;
            case EventTypes.MessageReceived:
                yield return new NudgeDraft(NudgeIds.For(e.Id, NudgeKinds.Reply), NudgeKinds.Reply,
                    $"Reply to {name}",
                    $"{name} wrote{via}: \"{Quote(e.Text)}\". Reply now.",
                    $"message.received at {e.At:u} is unanswered", Priority: 80);
                break;
            case EventTypes.FriendDeleted:
                yield return new NudgeDraft(NudgeIds.For(e.Id, NudgeKinds.CustomerLost), NudgeKinds.CustomerLost,
                    $"{name} deleted you",
                    $"{name} removed you as a friend{via}. Review the recent conversation to learn why.",
                    $"friend.deleted at {e.At:u}: the customer is lost", Priority: 90);
                break;
        }
    }

    private static string Quote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "(no text)";
        var t = text.Trim();
        return t.Length <= QuoteLength ? t : string.Concat(t.AsSpan(0, QuoteLength), "…");
    }
}
