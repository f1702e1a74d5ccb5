namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Which bucket of the due-time index a customer lives in. The number of buckets is fixed (it is stored in every
/// row); scheduler shards divide the buckets among themselves, so their number can change without rewriting rows.
/// </summary>
public static class DueBuckets
{
    public const int Count = 256;

    /// <summary>FNV-1a over the key's characters: stable across processes and .NET versions, unlike string.GetHashCode.</summary>
    public static short Of(string tenant, string customerId)
    {
        var hash = 2166136261u;
        hash = Mix(hash, tenant);
        hash = Mix(hash, "/");
        hash = Mix(hash, customerId);
        return (short)(hash % Count);
    }

    /// <summary>The buckets shard <paramref name="shard"/> of <paramref name="shards"/> owns: those with b % shards == shard.</summary>
    public static short[] OwnedBy(int shard, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(shards, shard);
        return Enumerable.Range(0, Count).Where(b => b % shards == shard).Select(b => (short)b).ToArray();
    }

    private static uint Mix(uint hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * 16777619u;
            hash = (hash ^ (byte)(c >> 8)) * 16777619u;
        }
        return hash;
    }
}
