namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// A tenant's operating playbook as operators read and write it (camelCase JSON, see <see cref="PlaybookJson"/>).
/// Every save is a new <see cref="Version"/>; grains evaluate the <c>CompiledPlaybook</c> (Engine) of one version.
/// </summary>
public sealed class Playbook
{
    public string TenantId { get; set; } = "";
    public int Version { get; set; } = 1;
    /// <summary>IANA zone for customers whose own <c>timeZone</c> field is not set.</summary>
    public string TimeZone { get; set; } = "UTC";
    public List<RuleSpec> Rules { get; set; } = [];
    public List<SequenceSpec> Sequences { get; set; } = [];
    public List<KeywordSpec> Keywords { get; set; } = [];
    public TierSpec Tiers { get; set; } = new();
    public ContactPolicySpec ContactPolicy { get; set; } = new();
}

public sealed class KeywordSpec
{
    public string Keyword { get; set; } = "";
    public string Tag { get; set; } = "";
}
