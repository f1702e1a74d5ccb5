using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Demo;

/// <summary>A demo tenant for local runs: a few staff and a few hundred customers, created once.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
    [Required] public string Tenant { get; set; } = "demo";
    [Required, MinLength(16)] public string ApiKey { get; set; } = "demo-api-key-0123456789";
    [Required, MinLength(16)] public string AdminKey { get; set; } = "demo-admin-key-0123456789";
    [Required, MinLength(8)] public string StaffPassword { get; set; } = "demo-password";
    [Range(1, 100_000)] public int Customers { get; set; } = 300;
    /// <summary>Staff members (role staff) who own the demo customers, all in <see cref="Team"/>.</summary>
    public string[] Staff { get; set; } = ["alice", "bob", "carol"];
    /// <summary>The team's manager: the team dashboard, the pending pool, segments and campaigns of the team.</summary>
    [Required] public string Manager { get; set; } = "dana";
    /// <summary>An admin of the tenant: the playbook editor, integrations (keys, webhooks) and every customer.</summary>
    [Required] public string Admin { get; set; } = "ada";
    [Required] public string Team { get; set; } = "north";
}
