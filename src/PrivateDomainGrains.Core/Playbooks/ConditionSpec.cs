using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>A test on the customer at decision time. One flat shape for all kinds (see <see cref="ConditionKinds"/>).</summary>
public sealed class ConditionSpec
{
    public string Kind { get; set; } = "";
    /// <summary><c>tags</c>: the customer has every one of these.</summary>
    public List<string>? All { get; set; }
    /// <summary><c>tags</c>: the customer has at least one of these.</summary>
    public List<string>? Any { get; set; }
    /// <summary><c>tags</c>: the customer has none of these.</summary>
    public List<string>? None { get; set; }
    /// <summary><c>tier</c>: tier names; <c>channel</c>: channel names.</summary>
    public List<string>? In { get; set; }
    /// <summary><c>counter</c>: one of <see cref="CounterNames"/>.</summary>
    public string? Counter { get; set; }
    /// <summary><c>counter</c>, <c>sinceLastInteraction</c>, <c>sinceLastContact</c>, <c>sinceLastOrder</c>: a comparison, see <see cref="Comparisons"/>.</summary>
    public string? Op { get; set; }
    /// <summary><c>counter</c>: the number to compare with.</summary>
    public decimal? Value { get; set; }
    /// <summary><c>since*</c>: the duration to compare with (e.g. <c>7d</c>). A customer never seen counts as infinitely long ago.</summary>
    public string? Duration { get; set; }
    /// <summary><c>field</c>: the custom profile field.</summary>
    public string? Field { get; set; }
    /// <summary><c>field</c>: equals this value (ordinal).</summary>
    [JsonPropertyName("equals")] public string? EqualTo { get; set; }
    /// <summary><c>field</c>: is set (true) or not set (false).</summary>
    public bool? Exists { get; set; }
}

public static class ConditionKinds
{
    public const string Tags = "tags";
    public const string Tier = "tier";
    public const string Counter = "counter";
    public const string SinceLastInteraction = "sinceLastInteraction";
    public const string SinceLastContact = "sinceLastContact";
    public const string SinceLastOrder = "sinceLastOrder";
    public const string Channel = "channel";
    public const string Field = "field";

    public static readonly IReadOnlyList<string> All =
        [Tags, Tier, Counter, SinceLastInteraction, SinceLastContact, SinceLastOrder, Channel, Field];
}

public static class CounterNames
{
    public static readonly IReadOnlyList<string> All =
        ["messagesIn", "messagesOut", "likes", "comments", "views", "orders", "refunds", "spend", "events"];
}

public static class Comparisons
{
    public static readonly IReadOnlyList<string> All = ["=", "!=", ">", ">=", "<", "<="];

    public static bool Compare<T>(T left, string op, T right) where T : IComparable<T>
    {
        var c = left.CompareTo(right);
        return op switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            ">" => c > 0,
            ">=" => c >= 0,
            "<" => c < 0,
            "<=" => c <= 0,
            _ => false,
        };
    }
}
