using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PrivateDomainGrains.Core;

/// <summary>
/// One shared instance of short values that repeat across customers: event types, channels, staff ids, tags, rule
/// ids, tiers, currencies. Each deserialized snapshot and each event off the wire brings fresh copies of them, and a
/// million resident customers would hold a million copies of "message.received". Bounded, so unusual input (say
/// a tenant minting unique tags) stops being shared rather than growing the pool without end.
/// </summary>
internal static class SharedStrings
{
    /// <summary>Values this long are rarely repeated (texts, ids): sharing them would only grow the pool.</summary>
    public const int MaxLength = 64;

    public const int Capacity = 100_000;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int s_count;

    [return: NotNullIfNotNull(nameof(value))]
    public static string? Share(string? value)
    {
        if (value is null || value.Length > MaxLength) return value;
        if (Pool.TryGetValue(value, out var shared)) return shared;
        if (Volatile.Read(ref s_count) >= Capacity) return value;
        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value)) Interlocked.Increment(ref s_count);
        return shared;
    }
}
