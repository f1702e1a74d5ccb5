using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.LoadTest.Workload;

/// <summary>
/// The timers preset's arithmetic. The playbook rule fires <see cref="Delay"/> after a customer's friend.added, so
/// each provisioning friend.added is back-dated to <c>due - Delay</c>: every customer falls due at the chosen moment
/// (or spread evenly over the window) whenever its event was actually sent. <see cref="Delay"/> is the smallest
/// whole-minute playbook delay that keeps every back-dated <c>at</c> at or before the start of provisioning, so no
/// event claims to come from the future.
/// </summary>
public sealed record TimerPlan(DateTimeOffset FirstDue, TimeSpan Window, TimeSpan Delay, int Customers)
{
    public const string RuleId = "lt-timer";
    public const string NudgeKind = "lt-timer";

    public static TimerPlan Create(DateTimeOffset provisioningStart, TimeSpan dueAfter, TimeSpan window, int customers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dueAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        var delay = TimeSpan.FromMinutes(Math.Ceiling((dueAfter + window).TotalMinutes));
        return new TimerPlan(provisioningStart + dueAfter, window, delay, customers);
    }

    public DateTimeOffset LastDue => DueAt(Customers - 1);

    /// <summary>Customer n's due time: evenly spaced from <see cref="FirstDue"/> to <see cref="FirstDue"/> + <see cref="Window"/>.</summary>
    public DateTimeOffset DueAt(long customerIndex) =>
        Customers == 1 ? FirstDue : FirstDue + Window * (customerIndex / (double)(Customers - 1));

    public DateTimeOffset FriendAddedAt(long customerIndex) => DueAt(customerIndex) - Delay;

    /// <summary>The tenant's playbook for the run: only the timer rule, a reactive nudge so no contact policy holds it back.</summary>
    public string PlaybookJson(string tenant) => Core.Playbooks.PlaybookJson.Serialize(new Playbook
    {
        TenantId = tenant,
        TimeZone = "UTC",
        Rules =
        [
            new RuleSpec
            {
                Id = RuleId,
                Description = "Load test: follow up a new friend nobody has written to yet",
                Trigger = new TriggerSpec
                {
                    Kind = TriggerKinds.After,
                    Event = "friend.added",
                    Delay = $"{(int)Delay.TotalMinutes}m",
                    Unless = "message.sent",
                },
                Actions =
                [
                    new ActionSpec
                    {
                        Kind = ActionKinds.Nudge,
                        NudgeKind = NudgeKind,
                        Title = "Follow up {name}",
                        Script = "{name} was added a while ago and has not heard from you yet: say hello.",
                        Proactive = false,
                    },
                ],
            },
        ],
    });
}
