using PrivateDomainGrains.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Scheduling;
using PrivateDomainGrains.Grains.Scheduling;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Scheduling;

public sealed class SchedulerShardTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider();

    [Fact]
    public async Task A_due_customer_is_woken_and_its_entry_no_longer_holds_the_past_due_time()
    {
        await fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For("sched", "li"))
            .IngestAsync([new CustomerEvent("sched-1", "li", "friend.added", DateTimeOffset.UtcNow, "wecom", "alice", null, null)]);
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Silo.GetRequiredService<GroupCommitWriter>().WriteAsync(new WriteRequest { Due = [new DueRow("sched", "li", dueAt)] });

        // Activating the shards starts their polling; StartAsync would also register reminders, which this cluster lacks.
        var shards = Enumerable.Range(0, Silo.GetRequiredService<IOptions<SchedulerOptions>>().Value.Shards)
            .Select(i => fixture.Grains.GetGrain<ISchedulerShardGrain>(i)).ToList();
        var woken = 0L;
        for (var attempt = 0; attempt < 150 && woken == 0; attempt++)
        {
            await Task.Delay(200);
            woken = (await Task.WhenAll(shards.Select(s => s.GetStatsAsync()))).Sum(s => s.Woken);
        }

        Assert.Equal(1, woken);
        // The wake recorded the customer's next due time, or removed the entry when nothing more is pending.
        Assert.True(await Silo.GetRequiredService<DueIndex>().ReadDueAtAsync("sched", "li") is not { } next || next > dueAt);
    }
}
