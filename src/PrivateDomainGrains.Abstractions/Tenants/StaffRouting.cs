namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>
/// Staff members who left (离职) and their successors: events that still name a leaver count as the successor's.
/// <see cref="Version"/> changes whenever the map does.
/// </summary>
[GenerateSerializer, Immutable, Alias("pdg.StaffRouting")]
public sealed record StaffRouting([property: Id(0)] long Version, [property: Id(1)] Dictionary<string, string> Successors)
{
    public static readonly StaffRouting None = new(0, []);

    /// <summary>Who acts for <paramref name="staffId"/> now: their successor's successor and so on, or themself.</summary>
    public string Route(string staffId)
    {
        var current = staffId;
        // A chain longer than the roster can only be a cycle (A left to B, later B to A): stop where it began.
        for (var hops = 0; hops <= Successors.Count && Successors.TryGetValue(current, out var next); hops++) current = next;
        return current;
    }
}
