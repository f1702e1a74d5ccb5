using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Tests;

/// <summary>Builders shared by the engine specifications.</summary>
internal static class Fixture
{
    /// <summary>Monday 3 March 2025, 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);

    private static int _eventCounter;

    public static CustomerEvent Event(string type, DateTimeOffset at, string? text = null, string? channel = "wecom",
        IReadOnlyDictionary<string, string>? data = null, string? id = null) =>
        new(id ?? $"e{Interlocked.Increment(ref _eventCounter)}", "c1", type, at, channel, "s1", text, data);

    public static CustomerEvent Order(DateTimeOffset at, decimal amount) =>
        Event(EventTypes.OrderPaid, at, data: new Dictionary<string, string>
        {
            ["orderId"] = "o" + Interlocked.Increment(ref _eventCounter),
            ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public static CustomerProfile Customer() => new() { CustomerId = "c1", OwnerStaffId = "s1", DisplayName = "Lin", Status = CustomerStatus.Active };

    public static Playbook Playbook(params RuleSpec[] rules) => new()
    {
        TenantId = "t1",
        TimeZone = "Asia/Shanghai",
        Rules = [.. rules],
    };

    public static RuleSpec Rule(string id, TriggerSpec trigger, params ActionSpec[] actions) => new()
    {
        Id = id,
        Trigger = trigger,
        Actions = actions.Length > 0 ? [.. actions] : [Nudge(id)],
    };

    public static ActionSpec Nudge(string kind, bool proactive = true, string title = "Talk to {name}", string script = "Say hello to {name}") =>
        new() { Kind = ActionKinds.Nudge, NudgeKind = kind, Title = title, Script = script, Proactive = proactive };

    public static TriggerSpec OnEvent(string type) => new() { Kind = TriggerKinds.Event, Event = type };

    /// <param name="letCustomersRest">The engine's rest rule (<see cref="DecisionContext.LetCustomersRest"/>): on as shipped unless a specification of another rule turns it off.</param>
    public static Decision Decide(CompiledPlaybook p, CustomerProfile c, EngineInput input, DateTimeOffset now, int openNudges = 0,
        bool letCustomersRest = true) =>
        DecisionEngine.Decide(p, c, input, new DecisionContext(now) { OwnerOpenNudges = openNudges, LetCustomersRest = letCustomersRest });

    public static Decision Send(CompiledPlaybook p, CustomerProfile c, CustomerEvent e) => Decide(p, c, EngineInput.FromEvent(e), e.At);

    /// <summary>The default playbook's decision on one event, at the event's time: what a tenant without a playbook gets.</summary>
    public static IReadOnlyList<NudgeDraft> DecideByDefault(CustomerProfile c, CustomerEvent e, long journalSequence) =>
        DecisionEngine.Decide(CompiledPlaybook.Default, c, EngineInput.FromEvent(e, journalSequence), new DecisionContext(e.At)).Nudges;

    public static Decision Tick(CompiledPlaybook p, CustomerProfile c, DateTimeOffset now) => Decide(p, c, EngineInput.Timer, now);
}
