using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Scheduling;

public sealed class DueBucketsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(DueBuckets.Count)]
    public void Every_bucket_belongs_to_exactly_one_shard_whatever_the_number_of_shards(int shards)
    {
        var owned = Enumerable.Range(0, shards).SelectMany(s => DueBuckets.OwnedBy(s, shards)).ToList();

        Assert.Equal(Enumerable.Range(0, DueBuckets.Count), owned.Select(b => (int)b).Order());
    }

    [Fact]
    public void A_customers_bucket_is_a_fixed_function_of_its_key_spread_over_all_buckets()
    {
        // Pinned: the bucket is stored in every row, so it must not depend on the process, the runtime or the culture.
        Assert.Equal(29, DueBuckets.Of("acme", "li"));
        Assert.Equal(63, DueBuckets.Of("acme", "wang"));
        Assert.Equal(17, DueBuckets.Of("租户", "客户-1"));
        Assert.InRange(Enumerable.Range(0, 10_000).Select(i => DueBuckets.Of("acme", "c" + i)).Distinct().Count(), 250, DueBuckets.Count);
    }
}
