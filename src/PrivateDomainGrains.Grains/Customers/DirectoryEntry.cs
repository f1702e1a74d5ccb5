using System.IO.Hashing;
using System.Runtime.InteropServices;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// A customer's row in the directory, from its profile, and a key that says whether the stored row is still right.
/// The key is worked out on every commit, so it reads the profile directly and allocates nothing; the last interaction
/// counts to the minute: a busy customer's every event would otherwise rewrite its row, and lists ordered by recent
/// activity do not need it finer.
/// </summary>
internal static class DirectoryEntry
{
    /// <summary>The custom field holding the owner's remark about the customer (WeCom's 备注), searchable like the name.</summary>
    public const string RemarkField = "remark";

    /// <summary>The custom field holding the customer's phone number, found by its last digits.</summary>
    public const string PhoneField = "phone";

    public static DirectoryRow Of(string tenant, CustomerProfile p) => new(
        tenant, p.CustomerId, p.OwnerStaffId, p.DisplayName, p.Engine.Field(RemarkField), [.. p.Tags], p.Tier.ToString(), p.Status.ToString(),
        p.LastInteractionAt, OpenNudges(p)) { Phone = p.Engine.Field(PhoneField) };

    /// <summary>A hash of what the customer's row says; never 0 (which means "unknown").</summary>
    public static long KeyOf(CustomerProfile p)
    {
        var hash = new XxHash64();
        Add(hash, p.OwnerStaffId);
        Add(hash, p.DisplayName);
        Add(hash, p.Engine.Field(RemarkField));
        Add(hash, p.Engine.Field(PhoneField));
        foreach (var tag in p.Tags) Add(hash, tag);
        Span<long> numbers = [(long)p.Tier, (long)p.Status, p.LastInteractionAt is { } at ? at.UtcTicks / TimeSpan.TicksPerMinute : -1, OpenNudges(p)];
        hash.Append(MemoryMarshal.AsBytes(numbers));
        return (long)hash.GetCurrentHashAsUInt64() | 1;
    }

    private static void Add(XxHash64 hash, string? text)
    {
        if (text is not null) hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        hash.Append([0xFF, 0xFE]); // not UTF-16 of any text: keeps ("ab", "c") apart from ("a", "bc")
    }

    private static int OpenNudges(CustomerProfile p)
    {
        var open = 0;
        foreach (var n in p.Engine.RecentNudges ?? []) if (n.Open) open++;
        return open;
    }
}
