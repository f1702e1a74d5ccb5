using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Storage;

/// <summary>
/// How <see cref="BatchPump{T, TKey}"/> forms batches with keys: an item whose key a batch in flight holds waits, later
/// items of that key wait behind it, other items pass, and waiting items are examined again only when a key they
/// have is freed.
/// </summary>
public sealed class BatchPumpTests
{
    /// <summary>A pump of (name, key) items, two batches in flight at most, whose batches finish when the test says so.</summary>
    private sealed class Pump : IAsyncDisposable
    {
        private readonly Dictionary<string, TaskCompletionSource> _running = [];
        private readonly Lock _gate = new();
        public readonly List<List<string>> Batches = [];
        public int KeyReads;
        public readonly BatchPump<(string Name, string Key), string> Inner;

        public Pump() => Inner = new(concurrency: 2, maxWeight: 100, _ => 1, RunAsync, (_, _) => { }, item =>
        {
            Interlocked.Increment(ref KeyReads);
            return [item.Key];
        });

        private bool _disposing;

        private Task RunAsync(List<(string Name, string Key)> batch)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                Batches.Add([.. batch.Select(i => i.Name)]);
                if (_disposing) return Task.CompletedTask;
                foreach (var (name, _) in batch) _running[name] = done;
            }
            return done.Task;
        }

        /// <summary>Ends the batch that holds the item.</summary>
        public void Finish(string name)
        {
            lock (_gate) _running[name].TrySetResult();
        }

        public async Task WaitForBatchesAsync(int count)
        {
            for (var waited = 0; Count() < count; waited += 10)
            {
                if (waited > 10_000) throw new TimeoutException($"{Count()} batches started, {count} expected");
                await Task.Delay(10);
            }
            int Count() { lock (_gate) return Batches.Count; }
        }

        public async ValueTask DisposeAsync()
        {
            lock (_gate)
            {
                // Batches started from now on (the waiting items) end at once.
                _disposing = true;
                foreach (var run in _running.Values) run.TrySetResult();
            }
            await Inner.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_item_of_a_busy_key_waits_with_every_later_item_of_that_key_while_other_keys_pass_and_then_they_go_in_order()
    {
        await using var pump = new Pump();
        pump.Inner.Enqueue(("a1", "a"));
        await pump.WaitForBatchesAsync(1);
        pump.Inner.Enqueue(("a2", "a"));
        pump.Inner.Enqueue(("a3", "a"));
        pump.Inner.Enqueue(("b1", "b"));
        await pump.WaitForBatchesAsync(2);
        Assert.Equal(["b1"], pump.Batches[1]);
        Assert.Equal(2, pump.Inner.Queued);

        pump.Finish("a1");
        await pump.WaitForBatchesAsync(3);
        Assert.Equal(["a2", "a3"], pump.Batches[2]);
    }

    [Fact]
    public async Task Items_waiting_for_a_busy_key_are_not_examined_again_when_a_batch_of_other_keys_ends()
    {
        await using var pump = new Pump();
        pump.Inner.Enqueue(("a1", "a"));
        await pump.WaitForBatchesAsync(1);
        for (var i = 0; i < 1_000; i++) pump.Inner.Enqueue(($"a-{i}", "a"));
        pump.Inner.Enqueue(("b1", "b"));
        await pump.WaitForBatchesAsync(2);
        // Two batches are in flight (a1, b1): c1 waits for one of them to end.
        pump.Inner.Enqueue(("c1", "c"));
        var readsBefore = pump.KeyReads;

        // b1's batch ends: key b frees nothing the 1,000 waiting items need, so only c1 is looked at, and goes.
        pump.Finish("b1");
        await pump.WaitForBatchesAsync(3);
        Assert.Equal(["c1"], pump.Batches[2]);
        Assert.Equal(1, pump.KeyReads - readsBefore);
        Assert.Equal(1_000, pump.Inner.Queued);
    }
}
