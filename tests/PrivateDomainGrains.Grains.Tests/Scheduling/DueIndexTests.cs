using PrivateDomainGrains.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Scheduling;

/// <summary>
/// The due-time index on real PostgreSQL. Tests share one database, so each uses its own tenant and only looks at
/// that tenant's claims; times are passed in, so lease expiry is tested without waiting.
/// </summary>
public sealed class DueIndexTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly short[] AllBuckets = Enumerable.Range(0, DueBuckets.Count).Select(b => (short)b).ToArray();

    private DueIndex Index => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<DueIndex>();
    private GroupCommitWriter Writer => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<GroupCommitWriter>();

    [Fact]
    public async Task A_due_time_is_set_moved_and_removed_through_group_commit_together_with_the_customers_events()
    {
        var journaled = new JournalRow("due-set", "li", 1, new CustomerEvent("due-set-1", "li", "friend.added", Now, "wecom", "alice", null, null));
        await Writer.WriteAsync(new WriteRequest { Events = [journaled], Due = [new DueRow("due-set", "li", Now.AddMinutes(5))] });
        Assert.Equal(Now.AddMinutes(5), await Index.ReadDueAtAsync("due-set", "li"));
        Assert.Single(await fixture.Journal.ReadPageAsync("due-set", "li", long.MaxValue, 10));

        await Writer.WriteAsync(DueWrites(new DueRow("due-set", "li", Now.AddHours(1))));
        Assert.Equal(Now.AddHours(1), await Index.ReadDueAtAsync("due-set", "li"));

        await Writer.WriteAsync(DueWrites(new DueRow("due-set", "li", null)));
        Assert.Null(await Index.ReadDueAtAsync("due-set", "li"));
        await Writer.WriteAsync(DueWrites(new DueRow("due-set", "li", null))); // removing what is not there is fine
    }

    [Fact]
    public async Task Within_one_flush_the_last_write_of_a_customer_wins()
    {
        await Writer.WriteAsync(DueWrites(
            new DueRow("due-lww", "li", Now.AddMinutes(1)), new DueRow("due-lww", "li", null), new DueRow("due-lww", "li", Now.AddMinutes(3)),
            new DueRow("due-lww", "wang", Now.AddMinutes(1)), new DueRow("due-lww", "wang", null)));

        Assert.Equal(Now.AddMinutes(3), await Index.ReadDueAtAsync("due-lww", "li"));
        Assert.Null(await Index.ReadDueAtAsync("due-lww", "wang"));
    }

    [Fact]
    public async Task A_claim_returns_the_due_rows_of_the_given_buckets_only()
    {
        var customers = Enumerable.Range(0, 40).Select(i => "c" + i).ToList();
        await Writer.WriteAsync(DueWrites(customers.Select((c, i) => new DueRow("due-claim", c, Now.AddMinutes(i % 2 == 0 ? -1 : 1))).ToArray()));
        var buckets = customers.Take(20).Select(c => DueBuckets.Of("due-claim", c)).Distinct().ToArray();

        var claimed = await ClaimAsync("due-claim", buckets, Now, TimeSpan.FromMinutes(1));

        var expected = customers.Where((c, i) => i % 2 == 0 && buckets.Contains(DueBuckets.Of("due-claim", c)));
        Assert.Equal(expected.Order(), claimed.Select(c => c.CustomerId).Order());
        Assert.All(claimed, c => Assert.Equal(Now.AddMinutes(-1), c.DueAt));
    }

    [Fact]
    public async Task A_claimed_row_is_not_claimed_again_until_its_lease_expires()
    {
        await Writer.WriteAsync(DueWrites(new DueRow("due-lease", "li", Now)));

        Assert.Single(await ClaimAsync("due-lease", AllBuckets, Now, TimeSpan.FromMinutes(1)));
        Assert.Empty(await ClaimAsync("due-lease", AllBuckets, Now.AddSeconds(59), TimeSpan.FromMinutes(1)));
        Assert.Single(await ClaimAsync("due-lease", AllBuckets, Now.AddMinutes(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task The_customers_next_write_ends_the_lease()
    {
        await Writer.WriteAsync(DueWrites(new DueRow("due-release", "li", Now)));
        Assert.Single(await ClaimAsync("due-release", AllBuckets, Now, TimeSpan.FromHours(1)));

        await Writer.WriteAsync(DueWrites(new DueRow("due-release", "li", Now.AddSeconds(1))));

        var again = Assert.Single(await ClaimAsync("due-release", AllBuckets, Now.AddSeconds(1), TimeSpan.FromHours(1)));
        Assert.Equal(Now.AddSeconds(1), again.DueAt);
    }

    [Fact]
    public async Task Concurrent_claimers_never_receive_the_same_row()
    {
        var customers = Enumerable.Range(0, 300).Select(i => "c" + i).ToList();
        await Writer.WriteAsync(DueWrites(customers.Select(c => new DueRow("due-race", c, Now)).ToArray()));

        var claimers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await Index.ClaimAsync(AllBuckets, Now, 17, TimeSpan.FromHours(1));
                if (batch.Count == 0) return mine;
                mine.AddRange(batch.Where(c => c.Tenant == "due-race").Select(c => c.CustomerId));
            }
        }));
        var claimed = (await Task.WhenAll(claimers)).SelectMany(m => m).ToList();

        Assert.Equal(customers.Order(), claimed.Order());
    }

    private static WriteRequest DueWrites(params DueRow[] rows) => new() { Due = rows };

    private async Task<List<DueClaim>> ClaimAsync(string tenant, short[] buckets, DateTimeOffset now, TimeSpan lease) =>
        (await Index.ClaimAsync(buckets, now, 10_000, lease)).Where(c => c.Tenant == tenant).ToList();
}
