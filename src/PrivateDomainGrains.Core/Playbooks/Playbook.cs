using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// A tenant's operating playbook as operators read and write it (camelCase JSON, see <see cref="PlaybookJson"/>).
/// Every save is a new <see cref="Version"/>; grains evaluate the <c>CompiledPlaybook</c> (Engine) of one version.
/// </summary>
public sealed class Playbook
{
    public string TenantId { get; set; } = "";
    [Range(1, int.MaxValue)]
    public int Version { get; set; } = 1;
    /// <summary>IANA zone for customers whose own <c>timeZone</c> field is not set.</summary>
    public string TimeZone { get; set; } = "UTC";
    public List<RuleSpec> Rules { get; set; } = [];
    public List<SequenceSpec> Sequences { get; set; } = [];
    public List<KeywordSpec> Keywords { get; set; } = [];
    public TierSpec Tiers { get; set; } = new();
    public ContactPolicySpec ContactPolicy { get; set; } = new();
    public OwnershipSpec? Ownership { get; set; }
}

/// <summary>
/// Who owns a customer nobody assigned. By default the first current follower by event time (the first staff member
/// the customer added; the last one deleted once all are). A customer with no follower (known only from messages,
/// orders or page views: the integration started after the friendships existed) has no owner, and the nudges about
/// them wait in the tenant's unassigned queue for a manager, unless <see cref="FallbackOwner"/> names a staff member
/// (say, a front desk) who owns them until someone follows them.
/// </summary>
public sealed class OwnershipSpec
{
    /// <summary>A staff id, or null for the unassigned queue.</summary>
    public string? FallbackOwner { get; set; }
}

public sealed class KeywordSpec
{
    public string Keyword { get; set; } = "";
    public string Tag { get; set; } = "";
}
