namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>What one simulated run is set up with, besides its policy and seed.</summary>
public sealed record SimulationSettings
{
    public int Customers { get; init; } = 10_000;
    public int Weeks { get; init; } = 52;
    /// <summary>Customers add the staff as friends spread evenly over the first weeks.</summary>
    public int JoinWeeks { get; init; } = 4;
    public int CustomersPerStaff { get; init; } = 500;
    /// <summary>The playbook's attribution window (Durations syntax: 48h, 7d).</summary>
    public string AttributionWindow { get; init; } = "48h";
    /// <summary>The engine policy's exploration: Thompson sampling as shipped, or posterior means (greedy) when false.</summary>
    public bool Thompson { get; init; } = true;
    /// <summary>
    /// The simulated playbook's rest rule (<see cref="PrivateDomainGrains.Core.Playbooks.ContactPolicySpec.RestAfterTouches"/>),
    /// which every policy but fixed priority follows: proactive touches in 7 days before a customer rests, as shipped; null turns it off.
    /// </summary>
    public int? RestAfterTouches { get; init; } = new PrivateDomainGrains.Core.Playbooks.ContactPolicySpec().RestAfterTouches;
    /// <summary>
    /// From a decision's signal to the model its next decisions read: the node's flush (Decisions:LearningFlushInterval,
    /// 1 s) plus the model refresh (Decisions:RefreshInterval, 2 s), at their worst.
    /// </summary>
    public TimeSpan LearningDelay { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>
    /// How often the simulated tenant's model takes in the signals that reached it (all at once, in a fixed order), and
    /// so how long a learned outcome can take to reach decisions beyond <see cref="LearningDelay"/>: the nodes refresh
    /// every 2 s, which would make a simulated year 15 million steps in lockstep; an hour changes the learning of
    /// outcomes that settle over a 48 h attribution window little, and lets the customers' lanes run on many threads.
    /// </summary>
    public TimeSpan ModelRefresh { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Monday 5 January 2026, midnight in Shanghai.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));
}
