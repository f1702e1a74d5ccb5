using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>A compiled condition: true when it holds for the customer now. <paramref name="e"/> is the triggering event, if any.</summary>
public delegate bool Condition(CustomerProfile c, CustomerEvent? e, DateTimeOffset now);

/// <summary>Turns validated <see cref="ConditionSpec"/>s into closures, so evaluation does no parsing or lookups by name.</summary>
public static class Conditions
{
    public static Condition[] Compile(IEnumerable<ConditionSpec>? specs) => [.. (specs ?? []).Select(Compile)];

    public static bool All(Condition[] conditions, CustomerProfile c, CustomerEvent? e, DateTimeOffset now)
    {
        foreach (var condition in conditions)
            if (!condition(c, e, now)) return false;
        return true;
    }

    public static Condition Compile(ConditionSpec s) => s.Kind switch
    {
        ConditionKinds.Tags => Tags(s.All ?? [], s.Any, s.None ?? []),
        ConditionKinds.Tier => TierIn([.. s.In!.Select(Enum.Parse<CustomerTier>)]),
        ConditionKinds.Counter => CounterIs(Counter(s.Counter!), s.Op!, s.Value!.Value),
        ConditionKinds.SinceLastInteraction => Since(c => c.LastInteractionAt, s.Op!, Durations.Parse(s.Duration!)),
        ConditionKinds.SinceLastContact => Since(c => c.LastContactAt, s.Op!, Durations.Parse(s.Duration!)),
        ConditionKinds.SinceLastOrder => Since(c => c.LastOrderAt, s.Op!, Durations.Parse(s.Duration!)),
        ConditionKinds.Channel => ChannelIn([.. s.In!]),
        ConditionKinds.Field when s.Exists is { } exists => (c, _, _) => c.Engine.Field(s.Field!) is not null == exists,
        ConditionKinds.Field => FieldEquals(s.Field!, s.EqualTo!),
        _ => throw new ArgumentException($"unknown condition kind '{s.Kind}'"),
    };

    private static Condition Tags(List<string> all, List<string>? any, List<string> none) => (c, _, _) =>
        ContainsAll(c.Tags, all) && (any is null || ContainsAny(c.Tags, any)) && !ContainsAny(c.Tags, none);

    // Loops rather than TrueForAll(tags.Contains): that makes a delegate on every evaluation of every rule.
    private static bool ContainsAll(TagSet tags, List<string> wanted)
    {
        foreach (var tag in wanted)
            if (!tags.Contains(tag)) return false;
        return true;
    }

    private static bool ContainsAny(TagSet tags, List<string> wanted)
    {
        foreach (var tag in wanted)
            if (tags.Contains(tag)) return true;
        return false;
    }

    private static Condition TierIn(CustomerTier[] tiers) => (c, _, _) => Array.IndexOf(tiers, c.Tier) >= 0;

    private static Condition CounterIs(Func<CustomerCounters, decimal> counter, string op, decimal value) =>
        (c, _, _) => Comparisons.Compare(counter(c.Counters), op, value);

    /// <summary>A moment that never happened is infinitely long ago.</summary>
    private static Condition Since(Func<CustomerProfile, DateTimeOffset?> moment, string op, TimeSpan duration) => (c, _, now) =>
        moment(c) is { } at ? Comparisons.Compare(now - at, op, duration) : op is ">" or ">=" or "!=";

    private static Condition ChannelIn(string[] channels) => (c, e, _) =>
    {
        var channel = e?.Channel ?? (c.RecentInteractions.Count > 0 ? c.RecentInteractions[^1].Channel : null);
        return channel is not null && Array.IndexOf(channels, channel) >= 0;
    };

    private static Condition FieldEquals(string field, string value) => (c, _, _) =>
        string.Equals(c.Engine.Field(field), value, StringComparison.Ordinal);

    private static Func<CustomerCounters, decimal> Counter(string name) => name switch
    {
        "messagesIn" => k => k.MessagesReceived,
        "messagesOut" => k => k.MessagesSent,
        "likes" => k => k.MomentLikes,
        "comments" => k => k.MomentComments,
        "views" => k => k.PageViews,
        "orders" => k => k.Orders,
        "refunds" => k => k.Refunds,
        "spend" => k => k.Spend,
        "events" => k => k.Events,
        _ => throw new ArgumentException($"unknown counter '{name}'"),
    };
}
