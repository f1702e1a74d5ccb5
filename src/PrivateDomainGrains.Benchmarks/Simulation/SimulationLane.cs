using System.Globalization;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// A fixed share of one run's customers (every <see cref="Simulator.Lanes"/>-th) with its own clock: a discrete-event
/// simulation driving <see cref="DecisionEngine.Decide"/> directly as the customer grain does. Customers join
/// (<c>friend.added</c>), browse, chat, like and buy on their own; every input goes to the engine; raised nudges go to
/// their owner, who acts (the engine hears <see cref="EngineInput.FromOutcome"/> Acted, then the <c>message.sent</c>),
/// dismisses (Not useful) or never gets to them (the engine expires them); a message the customer receives may make
/// them reply, order or delete the friend.
/// <para>
/// Lanes share nothing but the tenant's model, which they only read while they run (<see cref="RunUntil"/>): the
/// decisions' <see cref="Decision.Signals"/> wait in <see cref="RecordSignalsDueBy"/> for the run to record them, lane by
/// lane in a fixed order, at the next model refresh. So lanes run on any threads in any order, and a run's outcome is
/// the same for every thread count. Ties in time run in the order they were scheduled.
/// </para>
/// </summary>
public sealed class SimulationLane
{
    /// <summary>Log-space spread of order values around their mean.</summary>
    private const double OrderValueSpread = 0.3;
    private static readonly TimeSpan ReplyDelay = TimeSpan.FromHours(3);
    private static readonly TimeSpan OrderDelay = TimeSpan.FromHours(20);
    private static readonly TimeSpan LeaveDelay = TimeSpan.FromHours(6);
    private static readonly Kind[] OrganicKinds = [Kind.PageView, Kind.Message, Kind.Like, Kind.Order];

    private readonly SimulationSettings _settings;
    private readonly Policy _policy;
    private readonly CompiledPlaybook _playbook;
    private readonly PropensityModel? _model;
    private readonly IReadOnlySet<string> _proactiveSources;
    private readonly int _seed;
    private readonly SimCustomer[] _customers;
    private readonly PriorityQueue<Pending, (long Ticks, long Order)> _queue = new();
    private readonly Queue<(long Due, LearningSignal Signal)> _signals = new();
    private long _scheduled;

    /// <param name="customers">The lane's customers: those whose index modulo <see cref="Simulator.Lanes"/> is the lane's number, in index order.</param>
    public SimulationLane(SimulationSettings settings, Policy policy, int seed, CompiledPlaybook playbook, PropensityModel? model,
        IReadOnlySet<string> proactiveSources, ViolationCheck violations, SimCustomer[] customers)
    {
        (_settings, _policy, _seed, _playbook, _model, _proactiveSources, Violations, _customers) =
            (settings, policy, seed, playbook, model, proactiveSources, violations, customers);
        Weekly = [.. Enumerable.Range(0, settings.Weeks).Select(_ => new WeekStats())];
        foreach (var source in proactiveSources) BySource[source] = new SourceStats();
    }

    /// <summary>This lane's share of the run's figures; the run adds the lanes' up in lane order.</summary>
    public WeekStats[] Weekly { get; }
    public Dictionary<string, SourceStats> BySource { get; } = new(StringComparer.Ordinal);
    public RunTotals Totals { get; } = new();
    /// <summary>Whether the model changed arbitration's picks (engine policy only).</summary>
    public PickCounts Picks { get; } = new();
    public ViolationCheck Violations { get; }
    public double ReadingAtDelivery { get; private set; }
    public double BestReadingAllowed { get; private set; }
    public long Delivered { get; private set; }

    /// <summary>Schedules every customer's join, on its own stream of the customer so that the lane does not matter.</summary>
    public void Start()
    {
        foreach (var c in _customers)
        {
            var join = SimRandom.For(_seed, c.Index, 4);
            var day = _settings.Start + TimeSpan.FromDays(join.NextDouble() * 7 * _settings.JoinWeeks);
            Push(new Pending(Kind.Join, c.Index), AtReadingHour(c, day, join));
        }
    }

    /// <summary>Handles everything due before <paramref name="endTicks"/> (UTC ticks), reading the model as it is now.</summary>
    public void RunUntil(long endTicks)
    {
        while (_queue.TryPeek(out var next, out var at) && at.Ticks < endTicks)
        {
            _queue.Dequeue();
            Handle(next, new DateTimeOffset(at.Ticks, TimeSpan.Zero));
        }
    }

    /// <summary>
    /// Records in <paramref name="model"/> (null: the policy learns nothing) the learning signals whose flush and
    /// refresh have happened by <paramref name="ticks"/>, oldest first, each counted in the week it reaches the model.
    /// </summary>
    public void RecordSignalsDueBy(long ticks, PropensityModel? model)
    {
        while (_signals.TryPeek(out var s) && s.Due <= ticks)
        {
            _signals.Dequeue();
            var week = Week(new DateTimeOffset(s.Due, TimeSpan.Zero));
            week.Outcomes++;
            if (_proactiveSources.Contains(s.Signal.Action)) week.ProactiveOutcomes++;
            model?.Record(s.Signal);
        }
    }

    private void Handle(Pending p, DateTimeOffset now)
    {
        var c = _customers[p.Customer / Simulator.Lanes];
        switch (p.Kind)
        {
            case Kind.Join:
                c.Joined = true;
                // What the operator knows from the profile: the customer's zone, for quiet hours and timers.
                c.Profile.Engine.SetField("timeZone", c.ZoneId);
                Event(c, EventTypes.FriendAdded, now);
                foreach (var kind in OrganicKinds) ScheduleOrganic(c, kind, now);
                break;
            case Kind.PageView or Kind.Message or Kind.Like or Kind.Order:
                if (c.Lost) break;
                if (p.Kind == Kind.Order)
                {
                    var amount = OrderAmount(c.Segment.OrderValue, c.Organic);
                    Week(now).OrganicRevenue += amount;
                    Order(c, now, amount);
                }
                else Event(c, OrganicType(p.Kind), now, p.Kind == Kind.Message ? "hi" : null);
                ScheduleOrganic(c, p.Kind, now);
                break;
            case Kind.Wake:
                if (p.Version == c.WakeVersion) Decide(c, EngineInput.Timer, now);
                break;
            case Kind.StaffActs:
                StaffActs(c, p.Nudge!, now);
                break;
            case Kind.StaffDismisses:
                Decide(c, EngineInput.FromOutcome(p.Nudge!.Id, NudgeOutcome.Dismissed), now);
                break;
            case Kind.CustomerReplies:
                if (c.Lost) break;
                Week(now).Replies++;
                Event(c, EventTypes.MessageReceived, now, "ok, tell me more");
                break;
            case Kind.CustomerOrders:
                if (c.Lost) break;
                var week = Week(now);
                week.Conversions++;
                week.Revenue += p.Amount;
                var stats = BySource[p.Nudge!.Source];
                stats.Conversions++;
                stats.Revenue += p.Amount;
                Order(c, now, p.Amount);
                break;
            case Kind.CustomerLeaves:
                if (c.Lost) break;
                c.Lost = true;
                Week(now).LostFriends++;
                Event(c, EventTypes.FriendDeleted, now);
                break;
        }
    }

    /// <summary>
    /// The owner acted: the engine hears Done, then (unless the customer is gone, or it was the lost-friend alert) the
    /// message the owner sent; a proactive one reaches the customer, who may order, reply or leave because of it.
    /// </summary>
    private void StaffActs(SimCustomer c, NudgeRef nudge, DateTimeOffset now)
    {
        Decide(c, EngineInput.FromOutcome(nudge.Id, NudgeOutcome.Acted), now);
        if (c.Lost || nudge.Kind == NudgeKinds.CustomerLost) return;
        Event(c, EventTypes.MessageSent, now, "message from the owner");
        if (!nudge.Proactive) return;

        var before = c.ReceivedInLast7Days(now);
        c.Received.Add(now);
        var reading = c.ReadingAt(now);
        var response = c.Segment.ResponseTo(nudge.Source);
        var pOrder = ResponseModel.OrderChance(c.Segment, nudge.Source, reading, before);
        var value = response.OrderValue(c.Segment.OrderValue);
        var week = Week(now);
        week.Delivered++;
        week.ExpectedConversions += pOrder;
        week.ExpectedRevenue += pOrder * value;
        var stats = BySource[nudge.Source];
        stats.Delivered++;
        stats.ExpectedConversions += pOrder;
        Delivered++;
        ReadingAtDelivery += reading;
        BestReadingAllowed += c.BestReadingOutside(Violations.QuietStart, Violations.QuietEnd);
        if (ViolationCheck.InQuietHours(now, c.Zone, Violations.QuietStart, Violations.QuietEnd)) Totals.DeliveredInQuietHours++;

        var r = c.Reactions;
        if (r.Chance(pOrder))
            Push(new Pending(Kind.CustomerOrders, c.Index, Nudge: nudge, Amount: OrderAmount(value, r)), now + Delay(r, OrderDelay));
        if (r.Chance(ResponseModel.ReplyChance(c.Segment, nudge.Source, reading, before)))
            Push(new Pending(Kind.CustomerReplies, c.Index), now + Delay(r, ReplyDelay));
        var unsubscribe = ResponseModel.UnsubscribeChance(c.Segment, nudge.Source, before + 1);
        var flood = ResponseModel.FloodUnsubscribe * Math.Max(0, before + 1 - c.Segment.Tolerance);
        Totals.ExpectedLostFriends += unsubscribe;
        Totals.ExpectedLostFromFlood += Math.Min(unsubscribe, flood);
        if (before + 1 > c.Segment.Tolerance) Totals.DeliveredOverTolerance++;
        if (before >= 3) Totals.DeliveredFourthIn7Days++;
        if (r.Chance(unsubscribe))
            Push(new Pending(Kind.CustomerLeaves, c.Index), now + Delay(r, LeaveDelay));
    }

    private void Order(SimCustomer c, DateTimeOffset now, double amount) =>
        Event(c, EventTypes.OrderPaid, now, data: new Dictionary<string, string>
        {
            ["orderId"] = c.NextEventId(),
            ["amount"] = Math.Round(amount, 2).ToString(CultureInfo.InvariantCulture),
            ["currency"] = "CNY",
        });

    private void Event(SimCustomer c, string type, DateTimeOffset now, string? text = null, IReadOnlyDictionary<string, string>? data = null)
    {
        var staffId = type is EventTypes.FriendAdded or EventTypes.FriendDeleted or EventTypes.MessageSent ? c.StaffId : null;
        var e = new CustomerEvent(c.NextEventId(), c.Id, type, now, "wecom", staffId, text, data);
        Decide(c, EngineInput.FromEvent(e, ++c.JournalSequence), now);
    }

    /// <summary>One engine decision, then what the customer grain does with it: signals to learning, nudges to the owner, the next wake.</summary>
    private void Decide(SimCustomer c, EngineInput input, DateTimeOffset now)
    {
        var decision = DecisionEngine.Decide(_playbook, c.Profile, input, ContextFor(c, now));
        Totals.Decisions++;
        if (_policy == Policy.Engine && _model is not null) Picks.Observe(decision, _model, c.Profile.Tier.Name());
        foreach (var signal in decision.Signals) _signals.Enqueue(((now + _settings.LearningDelay).UtcTicks, signal));
        foreach (var candidate in decision.Candidates)
            if (candidate.Verdict == Verdict.Raised) Raised(c, candidate.Nudge, now);
        if (decision.NextDueAt != c.ScheduledWake)
        {
            c.ScheduledWake = decision.NextDueAt;
            c.WakeVersion++;
            // A due time already past (a held nudge released this instant) is handled at the next tick, not in a loop.
            if (decision.NextDueAt is { } due) Push(new Pending(Kind.Wake, c.Index, c.WakeVersion), due > now ? due : now.AddSeconds(1));
        }
    }

    private DecisionContext ContextFor(SimCustomer c, DateTimeOffset now) => _policy switch
    {
        Policy.Engine => new DecisionContext(now) { Model = _model, Random = _settings.Thompson ? c.Choices : null },
        Policy.Random => new DecisionContext(now) { Propensity = c.RandomPropensity },
        Policy.Oracle => OracleContext(c, now),
        Policy.Timed => new DecisionContext(now),
        _ => new DecisionContext(now) { WaitForActiveHour = false, LetCustomersRest = false },
    };

    /// <summary>Apart from <see cref="ContextFor"/>: a lambda there allocated its captures on every decision of every policy.</summary>
    private static DecisionContext OracleContext(SimCustomer c, DateTimeOffset now) =>
        new(now) { Propensity = (n, _) => OraclePropensity(c, n, now) };

    /// <summary>
    /// The true chance that this nudge, raised now, causes an order, scaled by the true order value over the rule's value:
    /// arbitration multiplies by the rule's value, so the oracle's score is the nudge's true expected order value.
    /// </summary>
    private static double OraclePropensity(SimCustomer c, PlannedNudge n, DateTimeOffset now)
    {
        if (!n.Proactive || n.Value <= 0) return 0.5;
        var p = ResponseModel.TrueConversion(c.Segment, n.Source, proactive: true, c.ReadingAt(now), c.ReceivedInLast7Days(now));
        return p * c.Segment.ResponseTo(n.Source).OrderValue(c.Segment.OrderValue) / n.Value;
    }

    /// <summary>A raised nudge reaches its owner, who acts on it, dismisses it, or never gets to it.</summary>
    private void Raised(SimCustomer c, PlannedNudge n, DateTimeOffset now)
    {
        var r = c.Reactions;
        if (n.Proactive)
        {
            var week = Week(now);
            week.Raised++;
            if (BySource.TryGetValue(n.Source, out var stats)) stats.Raised++;
            var before = (Violations.CapViolations, Violations.QuietHourViolations);
            Violations.Observe(c.Raised, now, c.Zone, c.Id);
            week.CapViolations += Violations.CapViolations - before.CapViolations;
            week.QuietHourViolations += Violations.QuietHourViolations - before.QuietHourViolations;
        }
        var nudge = new NudgeRef(n.Id, n.Source, n.Kind, n.Proactive);
        // The owner of a customer who has left has nothing to send: half the time they say so (Not useful).
        var (act, dismiss) = c.Lost && n.Kind != NudgeKinds.CustomerLost ? (0, 0.5) : ResponseModel.StaffChances(c.Segment, n.Source, n.Proactive);
        var u = r.NextDouble();
        if (u < act) Push(new Pending(Kind.StaffActs, c.Index, Nudge: nudge), StaffModel.ActsAt(now, r));
        else if (u < act + dismiss)
        {
            if (n.Proactive) Week(now).Dismissed++;
            Push(new Pending(Kind.StaffDismisses, c.Index, Nudge: nudge), StaffModel.ActsAt(now, r));
        }
    }

    private static string OrganicType(Kind kind) => kind switch
    {
        Kind.PageView => EventTypes.PageViewed,
        Kind.Message => EventTypes.MessageReceived,
        Kind.Like => EventTypes.MomentLiked,
        _ => EventTypes.OrderPaid,
    };

    /// <summary>The customer's next organic event of a kind: a Poisson stream at their rate, placed at an hour they read.</summary>
    private void ScheduleOrganic(SimCustomer c, Kind kind, DateTimeOffset now)
    {
        var perWeek = c.Activity * kind switch
        {
            Kind.PageView => c.Segment.PageViewsPerWeek,
            Kind.Message => c.Segment.MessagesPerWeek,
            Kind.Like => c.Segment.LikesPerWeek,
            _ => c.Segment.OrdersPerWeek,
        };
        if (perWeek <= 0) return;
        var day = now + TimeSpan.FromDays(c.Organic.Exponential(7 / perWeek));
        var at = AtReadingHour(c, day, c.Organic);
        Push(new Pending(kind, c.Index), at > now ? at : at.AddDays(1));
    }

    /// <summary>A moment on <paramref name="day"/>'s local date at an hour drawn from the customer's reading curve.</summary>
    private static DateTimeOffset AtReadingHour(SimCustomer c, DateTimeOffset day, SimRandom r)
    {
        var local = TimeZones.ToLocal(day, c.Zone).Date;
        var hour = r.Pick(c.Reading);
        return TimeZones.ToInstant(local.AddHours(hour).AddMinutes(r.NextDouble() * 60), c.Zone);
    }

    private static double OrderAmount(double mean, SimRandom r) =>
        mean * Math.Exp(OrderValueSpread * r.Normal() - OrderValueSpread * OrderValueSpread / 2);

    private static TimeSpan Delay(SimRandom r, TimeSpan mean) => TimeSpan.FromMinutes(r.Exponential(mean.TotalMinutes));

    private WeekStats Week(DateTimeOffset at)
    {
        var week = (int)((at - _settings.Start).Ticks / (TimeSpan.TicksPerDay * 7));
        return Weekly[Math.Clamp(week, 0, Weekly.Length - 1)];
    }

    private void Push(Pending p, DateTimeOffset at) => _queue.Enqueue(p, (at.UtcTicks, _scheduled++));

    private enum Kind : byte { Join, PageView, Message, Like, Order, Wake, StaffActs, StaffDismisses, CustomerReplies, CustomerOrders, CustomerLeaves }

    /// <summary>Something due for one customer (by index in the run); <see cref="Version"/> tells a current wake from one a later decision replaced.</summary>
    private readonly record struct Pending(Kind Kind, int Customer, int Version = 0, NudgeRef? Nudge = null, double Amount = 0);

    private sealed record NudgeRef(string Id, string Source, string Kind, bool Proactive);
}
