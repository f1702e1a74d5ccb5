using PrivateDomainGrains.Core.Keywords;
using PrivateDomainGrains.Core.Policy;
using PrivateDomainGrains.Core.Tiers;
using PrivateDomainGrains.Core.Time;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Customers;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// A validated playbook version, indexed for evaluation: rules by event type and tag, the keyword automaton, the tier
/// and contact policies. Immutable and shared by every customer of the tenant; compile once per version.
/// </summary>
public sealed class CompiledPlaybook
{
    private static readonly CompiledRule[] NoRules = [];

    private readonly Dictionary<string, CompiledRule[]> _byEvent;
    private readonly Dictionary<string, CompiledRule[]> _byTagAdded;
    private readonly Dictionary<string, CompiledRule[]> _byTagRemoved;
    private readonly Dictionary<string, CompiledRule> _byId;

    private CompiledPlaybook(Playbook source)
    {
        Source = source;
        var rules = source.Rules.Select(CompiledRule.From).ToArray();
        Rules = rules;
        _byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _byEvent = Index(rules, TriggerKinds.Event, r => r.Trigger.Event!);
        _byTagAdded = Index(rules, TriggerKinds.TagAdded, r => r.Trigger.Tag!);
        _byTagRemoved = Index(rules, TriggerKinds.TagRemoved, r => r.Trigger.Tag!);
        OnTierChanged = [.. rules.Where(r => r.Trigger.Kind == TriggerKinds.TierChanged)];
        Timers = [.. rules.Where(r => TriggerKinds.IsTimer(r.Trigger.Kind))];
        Sequences = (source.Sequences ?? []).Select(CompiledSequence.From).ToDictionary(s => s.Id, StringComparer.Ordinal);
        Keywords = new KeywordMatcher((source.Keywords ?? []).Select(k => new KeywordRule(k.Keyword, k.Tag)));
        Tiers = TierPolicy.From(source.Tiers);
        Contact = ContactPolicy.From(source.ContactPolicy ?? new ContactPolicySpec());
        TimeZones.TryFind(source.TimeZone, out var zone);
        DefaultZone = zone;
    }

    /// <summary>The built-in playbook of a tenant that never saved one (<see cref="DefaultPlaybook"/>).</summary>
    public static CompiledPlaybook Default { get; } = Compile(DefaultPlaybook.Create());

    public Playbook Source { get; }
    public string TenantId => Source.TenantId;
    public int Version => Source.Version;
    public IReadOnlyList<CompiledRule> Rules { get; }
    public IReadOnlyList<CompiledRule> OnTierChanged { get; }
    public IReadOnlyList<CompiledRule> Timers { get; }
    public IReadOnlyDictionary<string, CompiledSequence> Sequences { get; }
    public KeywordMatcher Keywords { get; }
    public TierPolicy Tiers { get; }
    public ContactPolicy Contact { get; }
    public TimeZoneInfo DefaultZone { get; }
    /// <summary>The owner of customers with no follower (<see cref="OwnershipSpec"/>); null: the unassigned queue.</summary>
    public string? FallbackOwner => Source.Ownership?.FallbackOwner;

    /// <summary>The rule with that id, if the playbook has it.</summary>
    public CompiledRule? Rule(string id) => _byId.GetValueOrDefault(id);

    /// <exception cref="PlaybookInvalidException">With every validation error.</exception>
    public static CompiledPlaybook Compile(Playbook playbook)
    {
        var errors = PlaybookValidator.Validate(playbook);
        if (errors.Count > 0) throw new PlaybookInvalidException(errors);
        return new CompiledPlaybook(playbook);
    }

    public static CompiledPlaybook Compile(string json) => Compile(PlaybookJson.Parse(json));

    public IReadOnlyList<CompiledRule> ForEvent(string type) => _byEvent.GetValueOrDefault(type, NoRules);

    public IReadOnlyList<CompiledRule> ForTag(string tag, bool added) =>
        (added ? _byTagAdded : _byTagRemoved).GetValueOrDefault(tag, NoRules);

    /// <summary>The customer's zone: their <c>timeZone</c> field if it names a known zone, else the tenant's.</summary>
    public TimeZoneInfo ZoneOf(CustomerProfile c) =>
        TimeZones.TryFind(c.Engine.Field("timeZone"), out var zone) ? zone : DefaultZone;

    private static Dictionary<string, CompiledRule[]> Index(CompiledRule[] rules, string kind, Func<CompiledRule, string> key) =>
        rules.Where(r => r.Trigger.Kind == kind)
            .GroupBy(key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Priority).ToArray(), StringComparer.Ordinal);
}
