using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>How far ahead of this node's clock an event's <c>at</c> may be ("Ingestion" section, validated at start-up).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Integrations' clocks run a little ahead; further ahead than this is refused, as a wrong time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
