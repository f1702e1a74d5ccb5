namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// One variant of a nudge action under test (A/B): its own title, script or suggested content (what it leaves out
/// comes from the action) and its share of the customers that are not held out (<see cref="Weight"/>, relative to the
/// other variants' weights).
/// </summary>
public sealed class VariantSpec
{
    public string Id { get; set; } = "";
    public double Weight { get; set; } = 1;
    public string? Title { get; set; }
    public string? Script { get; set; }
    public string? Suggested { get; set; }
}
