using System.Collections.Concurrent;
using PrivateDomainGrains.Grains.Jobs;

namespace PrivateDomainGrains.Grains.Tests.Jobs;

/// <summary>How a job's page is worked: a bounded number of items at a time, results in the items' order.</summary>
public sealed class BoundedWorkTests
{
    [Fact]
    public async Task No_more_than_the_limit_run_at_once_the_next_starts_when_one_ends_and_results_keep_the_items_order()
    {
        var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource()).ToArray();
        var started = new ConcurrentQueue<int>();

        var page = BoundedWork.ForEachAsync([0, 1, 2, 3, 4], 2, async i =>
        {
            started.Enqueue(i);
            await gates[i].Task;
            return i * 10;
        });

        Assert.Equal([0, 1], started);
        gates[1].SetResult();
        Assert.True(SpinWait.SpinUntil(() => started.Count == 3, TimeSpan.FromSeconds(10)), "the third item did not start after the second ended");
        Assert.Equal([0, 1, 2], started);
        foreach (var gate in gates) gate.TrySetResult();
        var results = await page;
        Assert.Equal([0, 10, 20, 30, 40], results);
    }

    [Fact]
    public async Task An_item_that_throws_fails_the_page()
    {
        var page = BoundedWork.ForEachAsync([1, 2, 3], 2, i => i == 2 ? Task.FromException<int>(new InvalidOperationException("page failed")) : Task.FromResult(i));

        Assert.Equal("page failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => page)).Message);
    }
}
