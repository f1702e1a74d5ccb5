using System.IO.Hashing;
using System.Runtime.InteropServices;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Tiers;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// A customer's row in the directory, from its profile, and keys that say whether the stored row is still right: one
/// for everything but the customer's activity (<see cref="KeyOf"/>), and the activity itself (<see cref="ActivityOf"/>:
/// open nudges and the minute of the last interaction), which changes with nearly every event and is then written alone
/// (<see cref="DirectoryRow.Activity"/>). The keys are worked out on every commit, so they read the profile directly and
/// allocate nothing; the last interaction counts to the minute: a busy customer's every event would otherwise rewrite
/// its row, and lists ordered by recent activity do not need it finer.
/// </summary>
internal static class DirectoryEntry
{
    /// <summary>The custom field holding the owner's remark about the customer (WeCom's 备注), searchable like the name.</summary>
    public const string RemarkField = "remark";

    /// <summary>The custom field holding the customer's phone number, found by its last digits.</summary>
    public const string PhoneField = "phone";

    public static DirectoryRow Of(string tenant, CustomerProfile p) => new(
        tenant, p.CustomerId, p.OwnerStaffId, p.DisplayName, p.Engine.Field(RemarkField), [.. p.Tags], p.Tier.ToString(), p.Status.ToString(),
        p.LastInteractionAt, OpenNudges(p))
    {
        Phone = p.Engine.Field(PhoneField),
        Orders = p.Counters.Orders,
        LastOrderAt = p.LastOrderAt,
        // Only the monetary score is stored: it changes with orders alone, while recency changes with the clock.
        MonetaryScore = p.Counters.Orders > 0 ? RfmScores.MonetaryOf(p.Counters.Spend) : 0,
        LifetimeValue = p.Counters.SpendByCurrency().ToDictionary(StringComparer.Ordinal),
        Fields = FieldsOf(p),
    };

    /// <summary>The customer's activity as the directory holds it: the minute of the last interaction (-1: none) and the open nudges.</summary>
    public static (long Minute, int OpenNudges) ActivityOf(CustomerProfile p) =>
        (p.LastInteractionAt is { } at ? at.UtcTicks / TimeSpan.TicksPerMinute : -1, OpenNudges(p));

    /// <summary>A hash of what the customer's row says apart from its activity (<see cref="ActivityOf"/>); never 0 (which means "unknown").</summary>
    public static long KeyOf(CustomerProfile p)
    {
        var hash = new XxHash64();
        Add(hash, p.OwnerStaffId);
        Add(hash, p.DisplayName);
        Add(hash, p.Engine.Field(RemarkField));
        Add(hash, p.Engine.Field(PhoneField));
        foreach (var tag in p.Tags) Add(hash, tag);
        if (p.Engine.Fields is { } fields) foreach (var (name, value) in fields) { Add(hash, name); Add(hash, value); }
        Add(hash, p.Counters.Currency);
        AddNumber(hash, p.Counters.Spend);
        if (p.Counters.OtherSpend is { } others) foreach (var (currency, value) in others) { Add(hash, currency); AddNumber(hash, value); }
        Span<long> numbers = [(long)p.Tier, (long)p.Status, p.Counters.Orders, p.LastOrderAt?.UtcTicks ?? -1];
        hash.Append(MemoryMarshal.AsBytes(numbers));
        return (long)hash.GetCurrentHashAsUInt64() | 1;
    }

    private static void Add(XxHash64 hash, string? text)
    {
        if (text is not null) hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        hash.Append([0xFF, 0xFE]); // not UTF-16 of any text: keeps ("ab", "c") apart from ("a", "bc")
    }

    /// <summary>The custom fields a segment may filter on: all but the remark (a column of its own) and the phone number (personal data, only its last digits are indexed).</summary>
    private static Dictionary<string, string> FieldsOf(CustomerProfile p)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in p.Engine.Fields ?? [])
            if (name is not (RemarkField or PhoneField)) fields[name] = value;
        return fields;
    }

    private static void AddNumber(XxHash64 hash, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        hash.Append(MemoryMarshal.AsBytes(bits));
    }

    private static int OpenNudges(CustomerProfile p)
    {
        var open = 0;
        foreach (var n in p.Engine.RecentNudges ?? []) if (n.Open) open++;
        return open;
    }
}
