using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>Console connections ("Console" section, validated at start-up).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Consoles one staff member may have open on one node at once (tabs, devices); one more is refused.</summary>
    [Range(1, 1000)] public int MaxConnectionsPerStaff { get; set; } = 10;
}
