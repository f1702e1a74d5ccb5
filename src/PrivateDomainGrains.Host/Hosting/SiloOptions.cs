using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>Where this node's silo listens and which cluster it joins.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    [Required] public string ClusterId { get; set; } = "pdg-local";
    [Required] public string ServiceId { get; set; } = "private-domain-grains";
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on; loopback for a single machine.</summary>
    [Required] public string AdvertisedAddress { get; set; } = "127.0.0.1";
}
