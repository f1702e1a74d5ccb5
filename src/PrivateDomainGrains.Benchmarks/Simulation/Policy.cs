namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>How a simulated run chooses among eligible proactive nudges; every policy runs the same engine and playbook.</summary>
public enum Policy
{
    /// <summary>
    /// As shipped: the tenant's propensity model learning from the decisions' signals, Thompson sampling, proactive
    /// nudges waiting for each customer's active hour.
    /// </summary>
    Engine,
    /// <summary>
    /// What a team would set by hand: no model (value x lever, ties by priority), and proactive nudges sent as soon as
    /// the contact policy allows (no waiting for the customer's active hour).
    /// </summary>
    Fixed,
    /// <summary>Fixed priority (no model), but waiting for the customer's active hour as shipped: what timing alone is worth.</summary>
    Timed,
    /// <summary>Uniformly at random among the eligible proactive nudges (waiting for the active hour as shipped).</summary>
    Random,
    /// <summary>Knows the hidden rates: the true expected order value of each nudge now (waiting for the active hour as shipped).</summary>
    Oracle,
}

public static class Policies
{
    public static readonly IReadOnlyList<Policy> All = [Policy.Engine, Policy.Fixed, Policy.Timed, Policy.Random, Policy.Oracle];

    public static string Name(this Policy p) => p.ToString().ToLowerInvariant();

    /// <summary>A policy by its name (any case); numbers are not names.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="All"/>'s names.</exception>
    public static Policy Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name(), name, StringComparison.OrdinalIgnoreCase)) is var p && string.Equals(p.Name(), name, StringComparison.OrdinalIgnoreCase)
            ? p
            : throw new ArgumentException($"unknown policy '{name}': one of {string.Join(", ", All.Select(Name))}");
}
