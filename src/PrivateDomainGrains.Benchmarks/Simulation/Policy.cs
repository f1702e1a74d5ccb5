namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>How a simulated run chooses among eligible proactive nudges; every policy runs the same engine and playbook.</summary>
public enum Policy
{
    /// <summary>As shipped: the tenant's propensity model learning from the decisions' signals, Thompson sampling.</summary>
    Engine,
    /// <summary>Learning off (no model): value x lever, ties by priority, what a team would set by hand.</summary>
    Fixed,
    /// <summary>Uniformly at random among the eligible proactive nudges.</summary>
    Random,
    /// <summary>Knows the hidden rates: the true expected order value of each nudge now (the upper bound).</summary>
    Oracle,
}

public static class Policies
{
    public static readonly IReadOnlyList<Policy> All = [Policy.Engine, Policy.Fixed, Policy.Random, Policy.Oracle];

    public static string Name(this Policy p) => p.ToString().ToLowerInvariant();

    public static Policy Parse(string name) =>
        Enum.TryParse<Policy>(name, ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : throw new ArgumentException($"unknown policy '{name}': one of {string.Join(", ", All.Select(Name))}");
}
